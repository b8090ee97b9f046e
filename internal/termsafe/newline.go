package termsafe

import (
	"bytes"
	"io"
	"strings"
)

// controlEscaper is a writer that tells whether it escapes for a terminal.
type controlEscaper interface {
	EscapesControls() bool
}

// EscapesControls reports that a Writer escapes: it is the method
// Escapes looks for.
func (t *Writer) EscapesControls() bool { return true }

// Escapes reports whether w escapes control characters for a terminal: a
// *Writer does, and so does any writer whose EscapesControls method says
// so (a stdout that escapes only when it is a terminal).
//
// A Writer cannot tell a newline inside a name from the end of a line, so
// it lets every newline through. A renderer printing a name that may hold
// one (a program name: argv[0] is any bytes but NUL) asks Escapes and, if
// so, writes the name with EscapeNewlines; into a pipe it writes the name
// as it is.
func Escapes(w io.Writer) bool {
	e, ok := w.(controlEscaper)
	return ok && e.EscapesControls()
}

// EscapeNewlines rewrites each newline in b[from:] as the two characters
// \n and returns the extended slice.
func EscapeNewlines(b []byte, from int) []byte {
	i := bytes.IndexByte(b[from:], '\n')
	if i < 0 {
		return b
	}
	tail := append([]byte(nil), b[from+i:]...)
	b = b[:from+i]
	for _, c := range tail {
		if c == '\n' {
			b = append(b, '\\', 'n')
		} else {
			b = append(b, c)
		}
	}
	return b
}

// Inline returns s fit to be written inside one line of w: with each
// newline written as \n when w escapes for a terminal, unchanged otherwise
// (a pipe gets the bytes as they are).
func Inline(w io.Writer, s string) string {
	if !Escapes(w) || !strings.Contains(s, "\n") {
		return s
	}
	return strings.ReplaceAll(s, "\n", `\n`)
}
