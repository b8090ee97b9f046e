package procnet

import "strings"

// cTokenizer walks a line the way successive C strtok calls do.
type cTokenizer struct {
	b   []byte
	pos int
}

// next returns the next token delimited by any byte of delims, or nil when
// only delimiters are left. Like strtok, it skips leading delimiters and
// consumes the one delimiter that ends the token, so that a following call
// with other delimiters starts right after it.
func (t *cTokenizer) next(delims string) []byte {
	for t.pos < len(t.b) && strings.IndexByte(delims, t.b[t.pos]) >= 0 {
		t.pos++
	}
	if t.pos >= len(t.b) {
		return nil
	}
	start := t.pos
	for t.pos < len(t.b) && strings.IndexByte(delims, t.b[t.pos]) < 0 {
		t.pos++
	}
	tok := t.b[start:t.pos]
	if t.pos < len(t.b) {
		t.pos++
	}
	return tok
}

// cBlanks are the delimiters net-tools gives strtok for SCTP fields.
const cBlanks = " \t\n"
