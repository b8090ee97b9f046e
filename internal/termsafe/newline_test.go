package termsafe

import (
	"bytes"
	"io"
	"testing"
)

func TestEscapeNewlines(t *testing.T) {
	cases := []struct {
		in   string
		from int
		want string
	}{
		{"12/plain ", 0, "12/plain "},
		{"row\n12/nl\nfake\n", 4, "row\n12/nl\\nfake\\n"},
		{"\n\n", 1, "\n\\n"},
		{"", 0, ""},
	}
	for _, c := range cases {
		if got := string(EscapeNewlines([]byte(c.in), c.from)); got != c.want {
			t.Errorf("EscapeNewlines(%q, %d) = %q, want %q", c.in, c.from, got, c.want)
		}
	}
}

// terminalFlag is a writer that says whether it escapes.
type terminalFlag struct {
	io.Writer
	on bool
}

func (f terminalFlag) EscapesControls() bool { return f.on }

func TestEscapesTellsTerminals(t *testing.T) {
	var b bytes.Buffer
	cases := []struct {
		w    io.Writer
		want bool
	}{
		{&b, false},
		{NewWriter(&b), true},
		{terminalFlag{&b, true}, true},
		{terminalFlag{&b, false}, false},
	}
	for i, c := range cases {
		if got := Escapes(c.w); got != c.want {
			t.Errorf("case %d (%T): Escapes = %v, want %v", i, c.w, got, c.want)
		}
	}
}

func TestInline(t *testing.T) {
	var b bytes.Buffer
	term := terminalFlag{Writer: &b, on: true}
	pipe := terminalFlag{Writer: &b, on: false}
	if got := Inline(term, "ev\nil"); got != `ev\nil` {
		t.Errorf("on a terminal: %q", got)
	}
	if got := Inline(pipe, "ev\nil"); got != "ev\nil" {
		t.Errorf("into a pipe: %q", got)
	}
	if got := Inline(&b, "ev\nil"); got != "ev\nil" {
		t.Errorf("into a plain writer: %q", got)
	}
}
