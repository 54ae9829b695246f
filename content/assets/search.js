// The header's search box answered by Pagefind: only the index chunks a query needs are downloaded. The site is
// built in shards (one per province), each with its own index: the site-wide index merges them all
// (search-shards.json lists them), so a search from any page finds pages of every shard.
const box = document.querySelector("[data-pagefind-search]");
const input = box && box.querySelector(".md-search__input");
const meta = box && box.querySelector(".md-search-result__meta");
const list = box && box.querySelector(".md-search-result__list");
const root = box && new URL(box.dataset.siteRoot, document.baseURI);
let engine;

async function pagefind() {
  if (!engine) {
    engine = await import(new URL("pagefind/pagefind.js", root).href);
    await engine.options({ baseUrl: root.pathname });
    const listed = await fetch(new URL("search-shards.json", root));
    const shards = listed.ok ? await listed.json() : [];
    await Promise.all(
      shards.map((shard) =>
        engine.mergeIndex(new URL(`${shard}/pagefind/`, root).href, { baseUrl: `${root.pathname}${shard}/` }),
      ),
    );
  }
  return engine;
}

function item(data) {
  const li = document.createElement("li");
  li.className = "md-search-result__item";
  const link = document.createElement("a");
  link.className = "md-search-result__link";
  link.href = data.url;
  const article = document.createElement("article");
  article.className = "md-search-result__article md-typeset";
  const title = document.createElement("h1");
  title.textContent = data.meta.title || data.url;
  const summary = document.createElement("p");
  summary.textContent = data.meta.summary || new URL(data.url, document.baseURI).pathname;
  article.append(title, summary);
  link.append(article);
  li.append(link);
  return li;
}

async function show(query) {
  if (!query.trim()) {
    meta.textContent = "输入关键词开始搜索";
    list.replaceChildren();
    return;
  }
  const search = await (await pagefind()).debouncedSearch(query, {}, 200);
  if (search === null) return; // a newer query replaced this one
  const results = await Promise.all(search.results.slice(0, 20).map((result) => result.data()));
  meta.textContent = results.length ? `找到 ${search.results.length} 个页面` : "没有找到相关页面";
  list.replaceChildren(...results.map(item));
}

if (input) {
  input.addEventListener("input", () => show(input.value));
  document.getElementById("__search").addEventListener("change", (event) => {
    if (event.target.checked) input.focus();
  });
}
