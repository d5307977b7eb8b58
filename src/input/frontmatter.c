#include "input/frontmatter.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

/* Deeper nesting than this is not front matter anyone writes; refusing it
 * keeps fm_node_free's recursion shallow. */
#define FM_MAX_DEPTH 64

static size_t S_line_end(const char *text, size_t len, size_t i)
{
	while (i < len && text[i] != '\n')
		i++;
	return i;
}

/* True when text[i..end) is `fence` followed only by spaces, tabs or \r. */
static bool S_is_fence(const char *text, size_t i, size_t end, const char *fence)
{
	size_t lf = strlen(fence);
	if (end - i < lf || memcmp(text + i, fence, lf) != 0)
		return false;
	for (i += lf; i < end; i++)
		if (text[i] != ' ' && text[i] != '\t' && text[i] != '\r')
			return false;
	return true;
}

/* True when text[start] opens a JSON object: `{`, then (past blanks and
 * line ends) a string key or the closing `}`. Liquid `{%`, Hugo `{{<` and
 * kramdown `{:` at the start of a body are not front matter. */
static bool S_json_opens(const char *text, size_t len, size_t start)
{
	if (start >= len || text[start] != '{')
		return false;
	for (size_t i = start + 1; i < len; i++) {
		char c = text[i];
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
			continue;
		return c == '"' || c == '}';
	}
	return false;
}

/* Hugo's rule: JSON front matter is the object that starts the file, up to
 * its matching `}` (braces inside strings do not count). */
static int S_split_json(struct fm_split *out, const char *text, size_t len, size_t start,
			const char *file, struct diag_list *dl)
{
	size_t depth = 0;
	int line = 1;
	bool in_string = false;
	for (size_t i = start; i < len; i++) {
		char c = text[i];
		if (c == '\n')
			line++;
		if (in_string) {
			if (c == '\\' && i + 1 < len && text[i + 1] != '\n')
				i++;
			else if (c == '"' || c == '\n') /* a line end ends a broken string */
				in_string = false;
			continue;
		}
		if (c == '"') {
			in_string = true;
		} else if (c == '{') {
			depth++;
		} else if (c == '}' && --depth == 0) {
			out->format = FM_JSON;
			out->fm_off = start;
			out->fm_len = i + 1 - start;
			out->fm_line = 1;
			/* The body starts on the next line, or right after the brace
			 * when the line goes on. */
			size_t e = S_line_end(text, len, i + 1);
			if (S_is_fence(text, i + 1, e, "")) {
				out->body_off = e < len ? e + 1 : len;
				out->body_line = line + 1;
			} else {
				out->body_off = i + 1;
				out->body_line = line;
			}
			return 0;
		}
	}
	diag_error(dl, file, 1, 1, "front matter opened with '{' is never closed");
	return -1;
}

int fm_split(struct fm_split *out, const char *text, size_t len,
	     const char *file, struct diag_list *dl)
{
	size_t start = 0;
	memset(out, 0, sizeof *out);
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		start = 3;
	out->format = FM_NONE;
	out->body_off = start;
	out->body_line = 1;

	size_t end = S_line_end(text, len, start);
	enum fm_format format;
	const char *fence;
	if (S_is_fence(text, start, end, "---")) {
		format = FM_YAML;
		fence = "---";
	} else if (S_is_fence(text, start, end, "+++")) {
		format = FM_TOML;
		fence = "+++";
	} else if (S_json_opens(text, len, start)) {
		return S_split_json(out, text, len, start, file, dl);
	} else {
		return 0;
	}

	size_t i = end < len ? end + 1 : len;
	int line = 2;
	while (i < len) {
		size_t e = S_line_end(text, len, i);
		if (S_is_fence(text, i, e, fence) ||
		    (format == FM_YAML && S_is_fence(text, i, e, "..."))) {
			out->format = format;
			out->fm_off = end < len ? end + 1 : len;
			out->fm_len = i - out->fm_off;
			out->fm_line = 2;
			out->body_off = e < len ? e + 1 : len;
			out->body_line = line + 1;
			return 0;
		}
		i = e < len ? e + 1 : len;
		line++;
	}
	diag_error(dl, file, 1, 1, "front matter opened with '%s' is never closed", fence);
	return -1;
}

struct S_builder {
	struct fm_node *stack[FM_MAX_DEPTH + 1];
	char *pending_key[FM_MAX_DEPTH + 1]; /* per open mapping: key awaiting its value */
	bool have_key[FM_MAX_DEPTH + 1];
	bool quiet_duplicates; /* the last of duplicate keys wins without a word */
	int depth;
	struct fm_node *root;
	const char *file;
	int first_line;
	struct diag_list *dl;
	enum diag_severity alias_severity;
};

static struct fm_node *S_new(enum fm_kind kind, const yaml_mark_t *mark, int first_line)
{
	struct fm_node *n = xcalloc(1, sizeof *n);
	n->kind = kind;
	n->line = (int)mark->line + first_line;
	n->col = (int)mark->column + 1;
	return n;
}

/* Grows by doubling: a mapping of a million keys is one hostile front
 * matter away, and ASan's realloc copies every time. */
void fm_node_push(struct fm_node *parent, char *key, struct fm_node *child)
{
	size_t cap = parent->cap;
	parent->items = xgrow(parent->items, parent->n, &cap, sizeof *parent->items);
	if (parent->kind == FM_MAP) {
		size_t kcap = parent->cap;
		parent->keys = xgrow(parent->keys, parent->n, &kcap, sizeof *parent->keys);
	}
	parent->cap = cap;
	parent->items[parent->n] = child;
	if (parent->kind == FM_MAP)
		parent->keys[parent->n] = key;
	parent->n++;
}

/* Attaches a finished node to whatever is open; takes ownership of node. */
static void S_attach(struct S_builder *b, struct fm_node *node)
{
	if (b->depth == 0) {
		if (!b->root)
			b->root = node;
		else
			fm_node_free(node);
		return;
	}
	int d = b->depth - 1;
	struct fm_node *parent = b->stack[d];
	if (parent->kind == FM_LIST) {
		fm_node_push(parent, NULL, node);
		return;
	}
	if (!b->have_key[d]) {
		/* This node is a key. Complex keys are not front matter: use their
		 * text when they have some. */
		b->pending_key[d] = xstrdup(node->kind == FM_SCALAR ? node->value : "");
		b->have_key[d] = true;
		fm_node_free(node);
		return;
	}
	char *key = b->pending_key[d];
	b->pending_key[d] = NULL;
	b->have_key[d] = false;
	for (size_t i = 0; i < parent->n; i++) {
		if (strcmp(parent->keys[i], key) == 0) {
			if (!b->quiet_duplicates)
				diag_warning(b->dl, b->file, node->line, node->col,
					     "duplicate key '%s' (first at line %d); the last one is used", key,
					     parent->items[i]->line);
			fm_node_free(parent->items[i]);
			parent->items[i] = node;
			free(key);
			return;
		}
	}
	fm_node_push(parent, key, node);
}

/* lang names the language in syntax errors: JSON goes through here too. */
static int S_parse_yaml(struct fm_node **out, const char *buf, size_t len, const char *file,
			int first_line, enum diag_severity alias_severity, const char *lang,
			bool quiet_duplicates, struct diag_list *dl)
{
	int ret = -1;
	yaml_parser_t parser;
	yaml_event_t ev;
	struct S_builder b;
	memset(&b, 0, sizeof b);
	b.file = file;
	b.first_line = first_line;
	b.quiet_duplicates = quiet_duplicates;
	b.dl = dl;
	b.alias_severity = alias_severity;
	*out = NULL;

	if (!yaml_parser_initialize(&parser)) {
		fprintf(stderr, "sheaf: out of memory (libyaml)\n");
		abort();
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
	bool done = false, in_doc = false, had_doc = false;
	size_t aliases = 0;
	while (!done) {
		if (!yaml_parser_parse(&parser, &ev)) {
			int line = (int)parser.problem_mark.line + first_line;
			int col = (int)parser.problem_mark.column + 1;
			diag_error(dl, file, line, col, "front matter is not valid %s: %s%s%s", lang,
				   parser.problem ? parser.problem : "syntax error",
				   parser.context ? " " : "", parser.context ? parser.context : "");
			goto out;
		}
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = true;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (had_doc) {
				/* Only the first document is front matter. */
				done = true;
				break;
			}
			in_doc = had_doc = true;
			break;
		case YAML_DOCUMENT_END_EVENT:
			in_doc = false;
			break;
		case YAML_SCALAR_EVENT: {
			struct fm_node *n = S_new(FM_SCALAR, &ev.start_mark, first_line);
			n->value = xstrndup((const char *)ev.data.scalar.value, ev.data.scalar.length);
			n->plain = ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
			if (ev.data.scalar.tag)
				n->tag = xstrdup((const char *)ev.data.scalar.tag);
			S_attach(&b, n);
			break;
		}
		case YAML_ALIAS_EVENT: {
			struct fm_node *n = S_new(FM_SCALAR, &ev.start_mark, first_line);
			if (alias_severity == DIAG_ERROR) {
				/* Following aliases is how a "billion laughs" document
				 * expands; one is enough to refuse the whole block. */
				diag_error(dl, file, n->line, n->col,
					   "YAML alias '*%s': aliases are refused in front matter",
					   (const char *)ev.data.alias.anchor);
				fm_node_free(n);
				yaml_event_delete(&ev);
				goto out;
			}
			if (!aliases++)
				diag_warning(dl, file, n->line, n->col,
					     "YAML alias '*%s' is not followed; aliased values are left empty",
					     (const char *)ev.data.alias.anchor);
			n->value = xstrdup("");
			n->plain = true;
			S_attach(&b, n);
			break;
		}
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT: {
			if (b.depth >= FM_MAX_DEPTH) {
				diag_error(dl, file, (int)ev.start_mark.line + first_line,
					   (int)ev.start_mark.column + 1,
					   "front matter is nested more than %d levels deep", FM_MAX_DEPTH);
				yaml_event_delete(&ev);
				goto out;
			}
			struct fm_node *n = S_new(ev.type == YAML_SEQUENCE_START_EVENT ? FM_LIST : FM_MAP,
						  &ev.start_mark, first_line);
			const yaml_char_t *tag = ev.type == YAML_SEQUENCE_START_EVENT
							 ? ev.data.sequence_start.tag
							 : ev.data.mapping_start.tag;
			if (tag)
				n->tag = xstrdup((const char *)tag);
			b.stack[b.depth] = n;
			b.pending_key[b.depth] = NULL;
			b.have_key[b.depth] = false;
			b.depth++;
			break;
		}
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT: {
			b.depth--;
			struct fm_node *n = b.stack[b.depth];
			free(b.pending_key[b.depth]);
			b.pending_key[b.depth] = NULL;
			S_attach(&b, n);
			break;
		}
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	(void)in_doc;
	*out = b.root;
	b.root = NULL;
	ret = 0;
out:
	while (b.depth > 0) {
		b.depth--;
		free(b.pending_key[b.depth]);
		fm_node_free(b.stack[b.depth]);
	}
	fm_node_free(b.root);
	yaml_parser_delete(&parser);
	return ret;
}

int fm_parse_yaml(struct fm_node **out, const char *buf, size_t len,
		  const char *file, int first_line,
		  enum diag_severity alias_severity, struct diag_list *dl)
{
	return S_parse_yaml(out, buf, len, file, first_line, alias_severity, "YAML", false, dl);
}

int fm_parse_yaml_quiet(struct fm_node **out, const char *buf, size_t len, const char *file, int first_line,
			enum diag_severity alias_severity, bool quiet_duplicates, struct diag_list *dl)
{
	return S_parse_yaml(out, buf, len, file, first_line, alias_severity, "YAML", quiet_duplicates, dl);
}

int fm_parse_json(struct fm_node **out, const char *buf, size_t len, const char *file,
		  int first_line, struct diag_list *dl)
{
	/* JSON is YAML 1.2 for the objects front matter holds, and libyaml
	 * reads it, `"key":"value"` without a blank included. Tabs indenting
	 * JSON are not YAML: outside strings they become spaces (columns stay
	 * the same). */
	char *copy = xmalloc(len + 1);
	memcpy(copy, buf, len);
	copy[len] = '\0';
	bool in_string = false;
	for (size_t i = 0; i < len; i++) {
		if (in_string) {
			if (copy[i] == '\\' && i + 1 < len)
				i++;
			else if (copy[i] == '"' || copy[i] == '\n')
				in_string = false;
		} else if (copy[i] == '"') {
			in_string = true;
		} else if (copy[i] == '\t') {
			copy[i] = ' ';
		}
	}
	int rc = S_parse_yaml(out, copy, len, file, first_line, DIAG_ERROR, "JSON", false, dl);
	free(copy);
	return rc;
}

void fm_node_free(struct fm_node *node)
{
	if (!node)
		return;
	for (size_t i = 0; i < node->n; i++) {
		fm_node_free(node->items[i]);
		if (node->keys)
			free(node->keys[i]);
	}
	free(node->items);
	free(node->keys);
	free(node->value);
	free(node->tag);
	free(node);
}

const struct fm_node *fm_get(const struct fm_node *map, const char *key)
{
	if (!map || map->kind != FM_MAP)
		return NULL;
	for (size_t i = 0; i < map->n; i++)
		if (strcmp(map->keys[i], key) == 0)
			return map->items[i];
	return NULL;
}

const struct fm_node *fm_get_path(const struct fm_node *map, ...)
{
	va_list ap;
	va_start(ap, map);
	const char *key;
	while (map && (key = va_arg(ap, const char *)) != NULL)
		map = fm_get(map, key);
	va_end(ap);
	return map;
}

const char *fm_str(const struct fm_node *node)
{
	if (!node || node->kind != FM_SCALAR)
		return NULL;
	if (node->plain && (node->value[0] == '\0' || strcmp(node->value, "~") == 0 ||
			    strcmp(node->value, "null") == 0 || strcmp(node->value, "Null") == 0 ||
			    strcmp(node->value, "NULL") == 0))
		return NULL;
	return node->value;
}

bool fm_bool(const struct fm_node *node, bool *out)
{
	static const char *const yes[] = {"true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON"};
	static const char *const no[] = {"false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF"};
	if (!node || node->kind != FM_SCALAR || !node->plain)
		return false;
	for (size_t i = 0; i < sizeof yes / sizeof *yes; i++) {
		if (strcmp(node->value, yes[i]) == 0) {
			*out = true;
			return true;
		}
		if (strcmp(node->value, no[i]) == 0) {
			*out = false;
			return true;
		}
	}
	return false;
}

size_t fm_strings(const struct fm_node *node, struct strvec *sv)
{
	size_t added = 0;
	if (!node)
		return 0;
	if (node->kind == FM_SCALAR) {
		const char *s = fm_str(node);
		if (s && *s) {
			sv_push(sv, s);
			added++;
		}
		return added;
	}
	if (node->kind == FM_LIST) {
		for (size_t i = 0; i < node->n; i++) {
			const char *s = fm_str(node->items[i]);
			if (s && *s) {
				sv_push(sv, s);
				added++;
			}
		}
	}
	return added;
}

const char *fm_person(const struct fm_node *node)
{
	if (node && node->kind == FM_MAP)
		return fm_str(fm_get(node, "name"));
	return fm_str(node);
}

static void S_people(const struct fm_node *node, struct strvec *sv)
{
	if (!node)
		return;
	if (node->kind == FM_LIST) {
		for (size_t i = 0; i < node->n; i++)
			S_people(node->items[i], sv);
		return;
	}
	const char *s = fm_person(node);
	if (s && *s)
		sv_push(sv, s);
}

void fm_people(const struct fm_node *node, struct strvec *sv)
{
	size_t from = sv->n;
	S_people(node, sv);
	sv_unique_ci(sv, from);
}

struct fm_node *fm_from_js(const struct js_value *v)
{
	if (!v || v->kind == JS_COMPUTED)
		return NULL;
	struct fm_node *n = xcalloc(1, sizeof *n);
	n->line = v->line;
	n->col = 1;
	if (v->kind != JS_ARRAY && v->kind != JS_OBJECT) {
		n->kind = FM_SCALAR;
		n->value = xstrdup(v->text);
		n->plain = v->kind != JS_STRING;
		return n;
	}
	n->kind = v->kind == JS_OBJECT ? FM_MAP : FM_LIST;
	n->cap = v->n ? v->n : 1;
	n->items = xcalloc(n->cap, sizeof *n->items);
	if (n->kind == FM_MAP)
		n->keys = xcalloc(n->cap, sizeof *n->keys);
	for (size_t i = 0; i < v->n; i++) {
		struct fm_node *item = fm_from_js(v->items[i]);
		if (!item)
			continue;
		if (n->keys)
			n->keys[n->n] = xstrdup(v->keys[i]);
		n->items[n->n++] = item;
	}
	return n;
}

void fm_size_text(char *buf, size_t cap, size_t n)
{
	if (n < 1024)
		snprintf(buf, cap, "%zu bytes", n);
	else if (n < (1u << 20))
		snprintf(buf, cap, "%.1f KiB", (double)n / 1024);
	else
		snprintf(buf, cap, "%.1f MiB", (double)n / (1 << 20));
}

bool fm_size_ok(size_t len, size_t limit, const char *file, int line, struct diag_list *dl)
{
	if (len <= limit)
		return true;
	char have[32], max[32];
	fm_size_text(have, sizeof have, len);
	fm_size_text(max, sizeof max, limit);
	diag_error(dl, file, line, 1, "the front matter is %s, more than the limit of %s", have, max);
	return false;
}
