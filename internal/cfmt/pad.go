package cfmt

import "strings"

// AppendLeft appends s to b left-justified in width bytes, as C's "%-*s":
// blanks follow s up to width bytes; a longer s is written whole.
func AppendLeft(b []byte, s string, width int) []byte {
	b = append(b, s...)
	return appendBlanks(b, width-len(s))
}

// AppendRight appends s to b right-justified in width bytes, as C's "%*s":
// blanks come before s up to width bytes; a longer s is written whole.
func AppendRight(b []byte, s string, width int) []byte {
	b = appendBlanks(b, width-len(s))
	return append(b, s...)
}

// Left is s left-justified in width bytes, as C's "%-*s" writes it.
func Left(s string, width int) string {
	if len(s) >= width {
		return s
	}
	return s + strings.Repeat(" ", width-len(s))
}

// appendBlanks appends n blanks to b (none when n is not positive).
func appendBlanks(b []byte, n int) []byte {
	for ; n > 0; n-- {
		b = append(b, ' ')
	}
	return b
}
