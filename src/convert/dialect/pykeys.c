/* pykeys.c — pymdownx.keys' key names: its English US keymap (key name
 * → the label a <kbd> shows) and its aliases (another name → a key name),
 * as pymdownx/keymap_db.py of PyMdown Extensions holds them (2026-06;
 * the names are facts of that extension, not ours to choose). Sorted by
 * name in byte order for bsearch. */
#include "convert/dialect/pykeys.h"

#include <stdlib.h>
#include <string.h>

struct S_pair {
	const char *name, *value;
};

static const struct S_pair S_keymap[] = {
	{"0", "0"}, {"1", "1"}, {"2", "2"}, {"3", "3"}, {"4", "4"}, {"5", "5"}, {"6", "6"}, {"7", "7"},
	{"8", "8"}, {"9", "9"}, {"a", "A"}, {"alt", "Alt"}, {"alt-graph", "AltGr"},
	{"arrow-down", "Down"}, {"arrow-left", "Left"}, {"arrow-right", "Right"}, {"arrow-up", "Up"},
	{"b", "B"}, {"backslash", "\\"}, {"backspace", "Backspace"}, {"backtab", "Back Tab"},
	{"bar", "|"}, {"brace-left", "{"}, {"brace-right", "}"}, {"bracket-left", "["},
	{"bracket-right", "]"}, {"break", "Break"}, {"browser-back", "Browser Back"},
	{"browser-favorites", "Browser Favorites"}, {"browser-forward", "Browser Forward"},
	{"browser-home", "Browser Home"}, {"browser-refresh", "Browser Refresh"},
	{"browser-search", "Browser Search"}, {"browser-stop", "Browser Stop"}, {"c", "C"},
	{"caps-lock", "Caps Lock"}, {"clear", "Clear"}, {"colon", ":"}, {"comma", ","},
	{"command", "Cmd"}, {"context-menu", "Menu"}, {"control", "Ctrl"}, {"copy", "Copy"}, {"d", "D"},
	{"delete", "Del"}, {"double-quote", "\""}, {"e", "E"}, {"eject", "Eject"}, {"end", "End"},
	{"enter", "Enter"}, {"equal", "="}, {"escape", "Esc"}, {"exclam", "!"}, {"f", "F"}, {"f1", "F1"},
	{"f10", "F10"}, {"f11", "F11"}, {"f12", "F12"}, {"f13", "F13"}, {"f14", "F14"}, {"f15", "F15"},
	{"f16", "F16"}, {"f17", "F17"}, {"f18", "F18"}, {"f19", "F19"}, {"f2", "F2"}, {"f20", "F20"},
	{"f21", "F21"}, {"f22", "F22"}, {"f23", "F23"}, {"f24", "F24"}, {"f3", "F3"}, {"f4", "F4"},
	{"f5", "F5"}, {"f6", "F6"}, {"f7", "F7"}, {"f8", "F8"}, {"f9", "F9"},
	{"fingerprint", "Fingerprint"}, {"function", "Fn"}, {"g", "G"}, {"grave", "`"}, {"greater", ">"},
	{"h", "H"}, {"help", "Help"}, {"home", "Home"}, {"i", "I"}, {"insert", "Ins"}, {"j", "J"},
	{"k", "K"}, {"l", "L"}, {"left-alt", "Left Alt"}, {"left-button", "Left Button"},
	{"left-command", "Left Command"}, {"left-control", "Left Ctrl"}, {"left-meta", "Left Meta"},
	{"left-option", "Left Option"}, {"left-shift", "Left Shift"}, {"left-super", "Left Super"},
	{"left-windows", "Left Win"}, {"less", "<"}, {"m", "M"}, {"mail", "Mail"}, {"media", "Media"},
	{"media-next-track", "Next Track"}, {"media-pause", "Pause"}, {"media-play", "Play"},
	{"media-play-pause", "Play/Pause"}, {"media-prev-track", "Previous Track"},
	{"media-stop", "Stop"}, {"meta", "Meta"}, {"middle-button", "Middle Button"}, {"minus", "-"},
	{"n", "N"}, {"num-asterisk", "Num *"}, {"num-clear", "Num Clear"}, {"num-delete", "Num Del"},
	{"num-enter", "Num Enter"}, {"num-equal", "Num ="}, {"num-lock", "Num Lock"},
	{"num-minus", "Num -"}, {"num-plus", "Num +"}, {"num-separator", "Num ."}, {"num-slash", "Num /"},
	{"num0", "Num 0"}, {"num1", "Num 1"}, {"num2", "Num 2"}, {"num3", "Num 3"}, {"num4", "Num 4"},
	{"num5", "Num 5"}, {"num6", "Num 6"}, {"num7", "Num 7"}, {"num8", "Num 8"}, {"num9", "Num 9"},
	{"o", "O"}, {"option", "Option"}, {"p", "P"}, {"page-down", "Page Down"}, {"page-up", "Page Up"},
	{"period", "."}, {"plus", "+"}, {"power", "Power"}, {"print", "Print"},
	{"print-screen", "Print Screen"}, {"q", "Q"}, {"question", "?"}, {"r", "R"}, {"reset", "Reset"},
	{"right-alt", "Right Alt"}, {"right-button", "Right Button"}, {"right-command", "Right Command"},
	{"right-control", "Right Ctrl"}, {"right-meta", "Right Meta"}, {"right-option", "Right Option"},
	{"right-shift", "Right Shift"}, {"right-super", "Right Super"}, {"right-windows", "Right Win"},
	{"s", "S"}, {"scroll-lock", "Scroll Lock"}, {"select", "Select"}, {"semicolon", ";"},
	{"shift", "Shift"}, {"single-quote", "'"}, {"slash", "/"}, {"sleep", "Sleep"}, {"space", "Space"},
	{"super", "Super"}, {"t", "T"}, {"tab", "Tab"}, {"tilde", "~"}, {"u", "U"}, {"underscore", "_"},
	{"v", "V"}, {"volume-down", "Volume Down"}, {"volume-mute", "Mute"}, {"volume-up", "Volume Up"},
	{"w", "W"}, {"windows", "Win"}, {"x", "X"}, {"x-button1", "X Button 1"},
	{"x-button2", "X Button 2"}, {"y", "Y"}, {"z", "Z"}, {"zoom", "Zoom"},
};

static const struct S_pair S_aliases[] = {
	{"add", "num-plus"}, {"altgr", "alt-graph"}, {"apps", "context-menu"}, {"back", "backspace"},
	{"bksp", "backspace"}, {"bktab", "backtab"}, {"cancel", "break"}, {"capital", "caps-lock"},
	{"close-brace", "brace-right"}, {"close-bracket", "bracket-right"}, {"clr", "clear"},
	{"cmd", "command"}, {"cplk", "caps-lock"}, {"ctrl", "control"}, {"dblquote", "double-quote"},
	{"decimal", "num-separator"}, {"del", "delete"}, {"divide", "num-slash"}, {"down", "arrow-down"},
	{"esc", "escape"}, {"exclamation", "exclam"}, {"favorites", "browser-favorites"},
	{"fn", "function"}, {"forward", "browser-forward"}, {"grave-accent", "grave"},
	{"greater-than", "greater"}, {"gt", "greater"}, {"hyphen", "minus"}, {"ins", "insert"},
	{"lalt", "left-alt"}, {"launch-mail", "mail"}, {"launch-media", "media"},
	{"lbutton", "left-button"}, {"lcmd", "left-command"}, {"lcommand", "left-command"},
	{"lcontrol", "left-control"}, {"lctrl", "left-control"}, {"left", "arrow-left"},
	{"left-cmd", "left-command"}, {"left-ctrl", "left-control"}, {"left-opt", "left-option"},
	{"left-win", "left-windows"}, {"less-than", "less"}, {"lmeta", "left-meta"},
	{"lopt", "left-option"}, {"loption", "left-option"}, {"lshift", "left-shift"},
	{"lsuper", "left-super"}, {"lt", "less"}, {"lwin", "left-windows"}, {"lwindows", "left-windows"},
	{"mbutton", "middle-button"}, {"menu", "context-menu"}, {"multiply", "num-asterisk"},
	{"mute", "volume-mute"}, {"next", "page-down"}, {"next-track", "media-next-track"},
	{"num-del", "num-delete"}, {"numlk", "num-lock"}, {"open-brace", "brace-left"},
	{"open-bracket", "bracket-left"}, {"opt", "option"}, {"page-dn", "page-down"},
	{"page-up", "page-up"}, {"pause", "media-pause"}, {"pg-dn", "page-down"}, {"pg-up", "page-up"},
	{"pipe", "bar"}, {"play", "media-play"}, {"play-pause", "media-play-pause"},
	{"prev-track", "media-prev-track"}, {"prior", "page-up"}, {"prtsc", "print-screen"},
	{"question-mark", "question"}, {"ralt", "right-alt"}, {"rbutton", "right-button"},
	{"rcmd", "right-command"}, {"rcommand", "right-command"}, {"rcontrol", "right-control"},
	{"rctrl", "right-control"}, {"refresh", "browser-refresh"}, {"return", "enter"},
	{"right", "arrow-right"}, {"right-cmd", "right-command"}, {"right-ctrl", "right-control"},
	{"right-meta", "right-meta"}, {"right-opt", "right-option"}, {"right-win", "right-windows"},
	{"rmeta", "right-meta"}, {"ropt", "right-option"}, {"roption", "right-option"},
	{"rshift", "right-shift"}, {"rsuper", "right-super"}, {"rwin", "right-windows"},
	{"rwindows", "right-windows"}, {"scroll", "scroll-lock"}, {"search", "browser-search"},
	{"separator", "num-separator"}, {"spc", "space"}, {"stop", "media-stop"},
	{"subtract", "num-minus"}, {"tabulator", "tab"}, {"up", "arrow-up"}, {"vol-down", "volume-down"},
	{"vol-mute", "volume-mute"}, {"vol-up", "volume-up"}, {"win", "windows"},
	{"xbutton1", "x-button1"}, {"xbutton2", "x-button2"},
};

struct S_key {
	const char *s;
	size_t n;
};

static int S_cmp(const void *k, const void *e)
{
	const struct S_key *key = k;
	const char *name = ((const struct S_pair *)e)->name;
	size_t nl = strlen(name);
	int c = memcmp(key->s, name, key->n < nl ? key->n : nl);
	return c ? c : (key->n > nl) - (key->n < nl);
}

static const char *S_find(const struct S_pair *v, size_t n, const char *s, size_t len)
{
	struct S_key key = {s, len};
	const struct S_pair *p = bsearch(&key, v, n, sizeof *v, S_cmp);
	return p ? p->value : NULL;
}

const char *pykeys_alias(const char *s, size_t n)
{
	return S_find(S_aliases, sizeof S_aliases / sizeof *S_aliases, s, n);
}

const char *pykeys_label(const char *s, size_t n)
{
	return S_find(S_keymap, sizeof S_keymap / sizeof *S_keymap, s, n);
}
