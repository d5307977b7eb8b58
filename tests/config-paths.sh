#!/bin/bash
# Every path a site's config names stays inside the site (issue 16, item
# 3): one fixture site per generator and key, the key naming ../outside
# (where posts and an authors file hold SECRET-OUTSIDE). The export must
# read nothing from there (no secret in the book, no diagnostic naming a
# file of it) and warn at the config's line, naming the key and why.
# TAP. Usage: config-paths.sh SHEAF
SHEAF=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
# shellcheck source=tests/tap.sh
. "$(dirname "$0")/tap.sh"
post() { mkdir -p "$(dirname "$1")"; printf -- '---\ntitle: %s\ndate: %s\n---\n# H\n\n%s words.\n' "$2" "$3" "$4" >"$1"; }
out() { post "$1" "Outside post" 2024-01-01 SECRET-OUTSIDE; }
inp() { post "$1" "Inside post" 2024-01-02 Inside; }
O=$T/outside
for p in x.md blog/posts/x.md posts/x.md blog/x.md content/posts/x.md source/_posts/x.md; do out "$O/$p"; done
printf 'authors:\n  a:\n    name: SECRET-OUTSIDE\n' >"$O/authors.yml"
printf 'a:\n  name: SECRET-OUTSIDE\n' >"$O/plain-authors.yml"
printf 'site_name: SECRET-OUTSIDE\n' >"$O/base.yml"

# name | config file | config text | key named in the warning
mk() { S=$T/$1; mkdir -p "$S"; printf '%b' "$3" >"$S/$2"; }
mk mkdocs-docs_dir mkdocs.yml 'site_name: T\ndocs_dir: ../outside\nplugins:\n  - blog\n'
mk mkdocs-post_dir mkdocs.yml 'site_name: T\nplugins:\n  - blog:\n      post_dir: ../../outside/posts\n'
mk mkdocs-blog_dir mkdocs.yml 'site_name: T\nplugins:\n  - blog:\n      blog_dir: ../../outside/blog\n'
mk mkdocs-authors_file mkdocs.yml 'site_name: T\nplugins:\n  - blog:\n      authors_file: ../../outside/authors.yml\n'
mk mkdocs-INHERIT mkdocs.yml 'INHERIT: ../outside/base.yml\nplugins:\n  - blog\n'
mk mkdocs-base_path mkdocs.yml 'site_name: T\nplugins:\n  - blog\nmarkdown_extensions:\n  - pymdownx.snippets:\n      base_path: [../outside]\n'
for s in docs_dir post_dir blog_dir authors_file INHERIT base_path; do
	inp "$T/mkdocs-$s/docs/blog/posts/in.md"
	printf -- '---\ndate: 2024-01-02\nauthors: [a]\n---\n# In\n\nInside words.\n\n--8<-- "x.md"\n' >"$T/mkdocs-$s/docs/blog/posts/in.md"
done
mk hugo-contentDir hugo.toml 'title = "T"\ncontentDir = "../outside/content"\n'
mk hugo-staticDir hugo.toml 'title = "T"\nstaticDir = "../outside"\n'
mk hugo-module.mounts hugo.toml 'title = "T"\n[[module.mounts]]\nsource = "../outside/content"\ntarget = "content"\n'
for s in contentDir staticDir module.mounts; do inp "$T/hugo-$s/content/posts/in.md"; done
mk jekyll-source _config.yml 'title: T\nsource: ../outside\n'
mk jekyll-data_dir _config.yml 'title: T\ndata_dir: ../outside\n'
mk jekyll-includes_dir _config.yml 'title: T\nincludes_dir: ../outside\n'
for s in source data_dir includes_dir; do
	mkdir -p "$T/jekyll-$s/_posts"
	printf -- '---\ntitle: In\nauthor: a\n---\nInside words.\n\n{%% include x.md %%}\n' >"$T/jekyll-$s/_posts/2024-01-02-in.md"
done
mk hexo-source_dir _config.yml 'title: T\nsource_dir: ../outside/source\n'
printf '{"dependencies":{"hexo":"7"}}\n' >"$T/hexo-source_dir/package.json"
inp "$T/hexo-source_dir/source/_posts/in.md"
mk docusaurus-path docusaurus.config.js "module.exports = { title: 'T', presets: [['classic', { blog: { path: '../outside/blog' } }]] };\n"
mk docusaurus-authorsMapPath docusaurus.config.js "module.exports = { title: 'T', presets: [['classic', { blog: { authorsMapPath: '../../outside/plain-authors.yml' } }]] };\n"
for s in path authorsMapPath; do
	mkdir -p "$T/docusaurus-$s/blog"
	printf -- '---\ntitle: In\ndate: 2024-01-02\nauthors: a\n---\nInside words.\n' >"$T/docusaurus-$s/blog/in.md"
done
mk pelican-PATH pelicanconf.py "SITENAME = 'T'\nPATH = '../outside'\n"
mk pelican-ARTICLE_PATHS pelicanconf.py "SITENAME = 'T'\nPATH = 'content'\nARTICLE_PATHS = ['../../outside/posts', 'posts']\n"
for s in PATH ARTICLE_PATHS; do inp "$T/pelican-$s/content/posts/in.md"; done
mk eleventy-dir.input eleventy.config.js 'module.exports = function () {\n  return { dir: { input: "../outside" } };\n};\n'
mk eleventy-dir.data eleventy.config.js 'module.exports = function () {\n  return { dir: { data: "../../outside" } };\n};\n'
for s in dir.input dir.data; do
	mkdir -p "$T/eleventy-$s/posts"
	printf -- '---\ntitle: In\ndate: 2024-01-02\nauthor: a\n---\nInside words.\n' >"$T/eleventy-$s/posts/in.md"
done
printf '{"a": {"name": "SECRET-OUTSIDE"}}\n' >"$O/authors.json"
mk astro-base astro.config.mjs 'export default {};\n'
mkdir -p "$T/astro-base/src"
printf "import { defineCollection } from 'astro:content';\nimport { glob } from 'astro/loaders';\nconst blog = defineCollection({ loader: glob({ pattern: '**/*.md', base: '../outside/blog' }) });\nexport const collections = { blog };\n" >"$T/astro-base/src/content.config.ts"
inp "$T/astro-base/src/content/posts/in.md"
mk astro-srcDir astro.config.mjs "export default {\n  srcDir: '../outside',\n};\n"
inp "$T/astro-srcDir/src/content/blog/in.md"

for S in "$T"/*-*; do
	name=${S##*/}
	key=${name#*-}
	"$SHEAF" "$S" --offline -o "$T/$name.epub" >"$T/$name.out" 2>"$T/$name.err"
	if [ -f "$T/$name.epub" ] && python3 -c 'import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
sys.exit(0 if any(b"SECRET-OUTSIDE" in z.read(n) for n in z.namelist()) else 1)' "$T/$name.epub"; then
		not_ok "$name: a file outside the site reached the book"
	elif grep -E "^($O|[^:]*/\.\./outside)" "$T/$name.err" >/dev/null; then
		not_ok "$name: a file outside the site was looked at"
	else
		ok "$name: nothing from outside the site"
	fi
	# snippets' options are read by the first post that needs them: the
	# warning is at its line.
	where='\.yml|\.toml|\.js|\.mjs|\.py|\.ts'
	[ "$key" = base_path ] && where='\.md'
	if grep -E "($where):([0-9]+:)* (warning|error): .*$key.*outside the site" "$T/$name.err" >/dev/null; then
		ok "$name: the config's warning names $key and says why"
	else
		not_ok "$name: the config's warning names $key and says why"
		sed 's/^/# /' "$T/$name.err"
	fi
done
tap_done
