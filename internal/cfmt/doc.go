// Package cfmt lays out text the way C's printf does, for the tables that
// must match net-tools byte for byte. Widths and precisions count bytes, as
// C's printf counts them, not runes as Go's fmt does: a host name or an
// interface name holding multi-byte UTF-8 gets exactly the blanks net-tools
// gives it. A width pads and never truncates; a precision truncates.
package cfmt
