"""Reference data the parser checks reports against: 政府收支分类科目 and the 省/地/县 gazetteer."""
