/* frontmatter_toml.cpp — TOML (Hugo's and Zola's `+++` front matter,
 * hugo.toml, config.toml) → the fm_node trees of frontmatter.h, with
 * toml++ (Debian packages no C TOML library).
 *
 * The only C++ file of sheaf: nothing of toml++ or of C++ escapes it. Every
 * exception is caught here; the tree is built with util.h's allocators, so
 * the C side frees it with fm_node_free as any other.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern "C" {
#include "input/frontmatter.h"
}

#include <algorithm>
#include <new>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

namespace {

/* Deeper nesting than this is not front matter anyone writes (the YAML
 * path refuses the same); refusing it keeps fm_node_free's recursion
 * shallow. */
constexpr int max_depth = 64;

/* A dotted key or table header of more segments than this is refused
 * before toml++ sees it (it would be refused as too deep anyway): toml++
 * limits nested arrays and inline tables, not `[a.b.c…]`, and frees what
 * it built recursively. */
constexpr size_t max_key_segments = max_depth;

struct converter {
	const char *file;
	int first_line;
	struct diag_list *dl;
	bool failed = false;

	void position(struct fm_node *n, const toml::source_region &src) const
	{
		if (src.begin.line >= 1 && src.begin.column >= 1) {
			n->line = static_cast<int>(src.begin.line) + first_line - 1;
			n->col = static_cast<int>(src.begin.column);
		} else {
			n->line = first_line;
			n->col = 1;
		}
	}

	static char *dup(const std::string &s)
	{
		return xstrndup(s.data(), s.size());
	}

	static void two(std::string &out, unsigned v)
	{
		out += static_cast<char>('0' + v / 10 % 10);
		out += static_cast<char>('0' + v % 10);
	}

	static std::string format_date(const toml::date &d)
	{
		char buf[16];
		snprintf(buf, sizeof buf, "%04u-%02u-%02u", static_cast<unsigned>(d.year) % 10000u,
			 static_cast<unsigned>(d.month) % 100u, static_cast<unsigned>(d.day) % 100u);
		return buf;
	}

	static std::string format_time(const toml::time &t)
	{
		std::string s;
		two(s, t.hour);
		s += ':';
		two(s, t.minute);
		s += ':';
		two(s, t.second);
		if (t.nanosecond) {
			char frac[16];
			snprintf(frac, sizeof frac, ".%09u", static_cast<unsigned>(t.nanosecond) % 1000000000u);
			std::string f = frac;
			while (f.back() == '0')
				f.pop_back();
			s += f;
		}
		return s;
	}

	static std::string format_offset(const toml::time_offset &o)
	{
		if (o.minutes == 0)
			return "Z";
		int m = o.minutes;
		std::string s(1, m < 0 ? '-' : '+');
		if (m < 0)
			m = -m;
		two(s, static_cast<unsigned>(m / 60));
		s += ':';
		two(s, static_cast<unsigned>(m % 60));
		return s;
	}

	static std::string format_float(double v)
	{
		std::ostringstream os;
		os.imbue(std::locale::classic());
		os << toml::value<double>(v);
		return os.str();
	}

	struct fm_node *scalar(const toml::node &node, std::string text, bool plain) const
	{
		auto *n = static_cast<struct fm_node *>(xcalloc(1, sizeof(struct fm_node)));
		n->kind = FM_SCALAR;
		position(n, node.source());
		n->value = dup(text);
		n->plain = plain;
		return n;
	}

	/* Returns NULL after reporting an error (too deep). */
	struct fm_node *convert(const toml::node &node, int depth)
	{
		if (failed)
			return nullptr;
		if (depth > max_depth) {
			const auto &b = node.source().begin;
			diag_error(dl, file, b.line ? static_cast<int>(b.line) + first_line - 1 : first_line,
				   b.column ? static_cast<int>(b.column) : 1,
				   "front matter is nested more than %d levels deep", max_depth);
			failed = true;
			return nullptr;
		}
		switch (node.type()) {
		case toml::node_type::table: {
			const toml::table &t = *node.as_table();
			auto *n = static_cast<struct fm_node *>(xcalloc(1, sizeof(struct fm_node)));
			n->kind = FM_MAP;
			position(n, node.source());
			/* toml++ keeps a table's keys sorted; the document's order is
			 * where each key was written. */
			std::vector<std::pair<const toml::key *, const toml::node *>> entries;
			entries.reserve(t.size());
			for (const auto &kv : t)
				entries.emplace_back(&kv.first, &kv.second);
			std::stable_sort(entries.begin(), entries.end(), [](const auto &a, const auto &b) {
				const auto &pa = a.first->source().begin, &pb = b.first->source().begin;
				return pa.line != pb.line ? pa.line < pb.line : pa.column < pb.column;
			});
			for (const auto &e : entries) {
				struct fm_node *child = convert(*e.second, depth + 1);
				if (!child) {
					fm_node_free(n);
					return nullptr;
				}
				fm_node_push(n, dup(std::string(e.first->str())), child);
			}
			return n;
		}
		case toml::node_type::array: {
			const toml::array &a = *node.as_array();
			auto *n = static_cast<struct fm_node *>(xcalloc(1, sizeof(struct fm_node)));
			n->kind = FM_LIST;
			position(n, node.source());
			for (const auto &item : a) {
				struct fm_node *child = convert(item, depth + 1);
				if (!child) {
					fm_node_free(n);
					return nullptr;
				}
				fm_node_push(n, nullptr, child);
			}
			return n;
		}
		case toml::node_type::string:
			return scalar(node, std::string(node.as_string()->get()), false);
		case toml::node_type::integer:
			return scalar(node, std::to_string(node.as_integer()->get()), true);
		case toml::node_type::floating_point:
			return scalar(node, format_float(node.as_floating_point()->get()), true);
		case toml::node_type::boolean:
			return scalar(node, node.as_boolean()->get() ? "true" : "false", true);
		case toml::node_type::date:
			return scalar(node, format_date(node.as_date()->get()), true);
		case toml::node_type::time:
			return scalar(node, format_time(node.as_time()->get()), true);
		case toml::node_type::date_time: {
			const toml::date_time &dt = node.as_date_time()->get();
			std::string s = format_date(dt.date) + "T" + format_time(dt.time);
			if (dt.offset)
				s += format_offset(*dt.offset);
			return scalar(node, s, true);
		}
		default:
			return scalar(node, "", true);
		}
	}
};

/* The first key path of more than max_key_segments segments (a table
 * header or a dotted key), found by a rough scan that skips strings and
 * comments: its 0-based line and column, or false when there is none.
 * Without it, `[a.a.a…]` of a hundred thousand segments overflows the
 * stack when toml++ frees its tables. */
bool too_many_segments(std::string_view doc, size_t *line, size_t *col)
{
	size_t dots = 0, l = 0, line_start = 0;
	for (size_t i = 0; i < doc.size(); i++) {
		char ch = doc[i];
		if (ch == '\n') {
			l++;
			line_start = i + 1;
			dots = 0;
		} else if (ch == '#') {
			while (i + 1 < doc.size() && doc[i + 1] != '\n')
				i++;
		} else if (ch == '"' || ch == '\'') {
			/* Skips the string, counting the lines of multi-line ones. */
			size_t qn = doc.compare(i, 3, ch == '"' ? "\"\"\"" : "'''") == 0 ? 3 : 1;
			std::string_view quote = doc.substr(i, qn);
			size_t j = i + qn;
			for (;; j++) {
				if (j >= doc.size()) {
					i = doc.size();
					break;
				}
				if (doc.compare(j, qn, quote) == 0) {
					i = j + qn - 1;
					break;
				}
				if (doc[j] == '\\' && ch == '"' && j + 1 < doc.size())
					j++;
				if (doc[j] == '\n') {
					if (qn == 1) {
						i = j - 1;
						break;
					}
					l++;
					line_start = j + 1;
				}
			}
		} else if (ch == '.') {
			if (!dots) {
				*line = l;
				*col = i - line_start;
			}
			if (++dots >= max_key_segments) /* dots + 1 segments */
				return true;
		} else if (ch == '=' || ch == '[' || ch == ']' || ch == '{' || ch == '}' || ch == ',') {
			dots = 0;
		}
	}
	return false;
}

} // namespace

extern "C" int fm_parse_toml(struct fm_node **out, const char *buf, size_t len, const char *file,
			     int first_line, struct diag_list *dl)
{
	*out = nullptr;
	std::string_view doc(buf ? buf : "", buf ? len : 0);
	try {
		size_t line, col;
		if (too_many_segments(doc, &line, &col)) {
			diag_error(dl, file, static_cast<int>(line) + first_line, static_cast<int>(col) + 1,
				   "front matter is nested more than %d levels deep", max_depth);
			return -1;
		}
		toml::table root = toml::parse(doc, std::string_view(file ? file : ""));
		converter conv{file, first_line, dl};
		struct fm_node *n = conv.convert(root, 0);
		if (!n)
			return -1;
		n->line = first_line;
		n->col = 1;
		*out = n;
		return 0;
	} catch (const toml::parse_error &e) {
		const auto &b = e.source().begin;
		std::string desc(e.description());
		diag_error(dl, file, b.line ? static_cast<int>(b.line) + first_line - 1 : first_line,
			   b.column ? static_cast<int>(b.column) : 1, "not valid TOML: %s", desc.c_str());
	} catch (const std::bad_alloc &) {
		fprintf(stderr, "sheaf: out of memory (toml++)\n");
		abort();
	} catch (const std::exception &e) {
		diag_error(dl, file, first_line, 1, "cannot read TOML: %s", e.what());
	} catch (...) {
		diag_error(dl, file, first_line, 1, "cannot read TOML");
	}
	return -1;
}
