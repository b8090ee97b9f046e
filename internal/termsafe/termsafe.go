// Package termsafe keeps text that came from other users (process names,
// UNIX socket paths, host names) from steering a terminal. Written to a
// terminal, control characters (C0 except newline, DEL, C1) and bytes that
// are not valid UTF-8 are shown as escapes instead of being sent raw. Into
// a pipe or a file nothing is changed: scripts get net-tools' bytes.
// Newlines pass, since the Writer cannot tell a newline inside a name from
// a line's end; renderers escape those themselves (see Escapes).
package termsafe

import (
	"io"
	"unicode/utf8"
)

// Writer escapes what it writes to W. It keeps an incomplete UTF-8
// sequence at the end of one Write until the next, so a character split
// across writes is not mistaken for bad bytes.
type Writer struct {
	W     io.Writer
	carry []byte
	buf   []byte
}

// NewWriter returns a Writer that escapes onto w.
func NewWriter(w io.Writer) *Writer { return &Writer{W: w} }

// Write escapes p onto the underlying writer. It reports len(p) on success.
func (t *Writer) Write(p []byte) (int, error) {
	in := p
	if len(t.carry) > 0 {
		in = append(t.carry, p...)
		t.carry = nil
	}
	out := t.buf[:0]
	for i := 0; i < len(in); {
		c := in[i]
		if c < utf8.RuneSelf {
			if c == '\n' || (c >= 0x20 && c != 0x7f) {
				out = append(out, c)
			} else {
				out = appendByteEscape(out, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(in[i:])
		if r == utf8.RuneError && size <= 1 {
			if !utf8.FullRune(in[i:]) {
				// Possibly the start of a character the next write ends.
				t.carry = append([]byte(nil), in[i:]...)
				break
			}
			out = appendByteEscape(out, c)
			i++
			continue
		}
		if r >= 0x80 && r <= 0x9f {
			out = append(out, '\\', 'u', '0', '0', hex[r>>4], hex[r&0xf])
		} else {
			out = append(out, in[i:i+size]...)
		}
		i += size
	}
	t.buf = out
	if _, err := t.W.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Flush writes out a held-back incomplete sequence as escaped bytes.
func (t *Writer) Flush() error {
	if len(t.carry) == 0 {
		return nil
	}
	out := t.buf[:0]
	for _, c := range t.carry {
		out = appendByteEscape(out, c)
	}
	t.carry = nil
	_, err := t.W.Write(out)
	return err
}

const hex = "0123456789abcdef"

// appendByteEscape writes c as \t, \r, \e or \xHH.
func appendByteEscape(b []byte, c byte) []byte {
	switch c {
	case '\t':
		return append(b, '\\', 't')
	case '\r':
		return append(b, '\\', 'r')
	case 0x1b:
		return append(b, '\\', 'e')
	}
	return append(b, '\\', 'x', hex[c>>4], hex[c&0xf])
}
