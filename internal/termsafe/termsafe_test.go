package termsafe

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func escape(t *testing.T, chunks ...string) string {
	t.Helper()
	var b strings.Builder
	w := NewWriter(&b)
	for _, c := range chunks {
		n, err := w.Write([]byte(c))
		if err != nil || n != len(c) {
			t.Fatalf("Write(%q) = %d, %v", c, n, err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestEscapes(t *testing.T) {
	cases := []struct{ in, want string }{
		{"tcp  0 0 LISTEN     \n", "tcp  0 0 LISTEN     \n"},
		{"1/evil\x1b[2J\n", "1/evil\\e[2J\n"},
		{"a\rb\tc\x07d\x00e\x7f\n", "a\\rb\\tc\\x07d\\x00e\\x7f\n"},
		{"caf\u00e9 \u65e5\u672c\n", "caf\u00e9 \u65e5\u672c\n"},
		{"csi\u009b31m\n", "csi\\u009b31m\n"},
		{"bad\xff\xfe\n", "bad\\xff\\xfe\n"},
		{"cut\xe6\x97", "cut\\xe6\\x97"}, // incomplete at the very end
	}
	for _, c := range cases {
		if got := escape(t, c.in); got != c.want {
			t.Errorf("escape(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestCharacterSplitAcrossWrites(t *testing.T) {
	// 日 is e6 97 a5: split over three writes it must come out whole.
	if got := escape(t, "x\xe6", "\x97", "\xa5y\n"); got != "x\u65e5y\n" {
		t.Errorf("got %q", got)
	}
}

func FuzzWriter(f *testing.F) {
	f.Add([]byte("1/evil\x1b[2J\xff\u009b\n"))
	f.Fuzz(func(t *testing.T, p []byte) {
		var b strings.Builder
		w := NewWriter(&b)
		half := len(p) / 2
		w.Write(p[:half])
		w.Write(p[half:])
		w.Flush()
		if !utf8.ValidString(b.String()) {
			t.Fatalf("invalid UTF-8 in output %q", b.String())
		}
		for _, r := range b.String() {
			if (r < 0x20 && r != '\n') || r == 0x7f || (r >= 0x80 && r <= 0x9f) {
				t.Fatalf("unsafe rune %U in output %q", r, b.String())
			}
		}
	})
}
