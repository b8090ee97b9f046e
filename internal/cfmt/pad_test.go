package cfmt

import "testing"

// The expected texts are C's "%-*s" and "%*s": blanks up to width BYTES,
// never a cut.
func TestPadding(t *testing.T) {
	cases := []struct {
		s           string
		width       int
		left, right string
	}{
		{"", 0, "", ""},
		{"", 3, "   ", "   "},
		{"lo", 5, "lo   ", "   lo"},
		{"lo", -1, "lo", "lo"},
		{"eth0", 4, "eth0", "eth0"},
		{"toolong", 3, "toolong", "toolong"},
		// "é" is two bytes, "€" three: they count that much of the width.
		{"é", 3, "é ", " é"},
		{"br€", 6, "br€ ", " br€"},
		{"€€", 6, "€€", "€€"},
		{"€€", 5, "€€", "€€"},
	}
	for _, c := range cases {
		if got := string(AppendLeft([]byte("|"), c.s, c.width)); got != "|"+c.left {
			t.Errorf("AppendLeft(%q, %d) = %q, want %q", c.s, c.width, got, "|"+c.left)
		}
		if got := string(AppendRight([]byte("|"), c.s, c.width)); got != "|"+c.right {
			t.Errorf("AppendRight(%q, %d) = %q, want %q", c.s, c.width, got, "|"+c.right)
		}
		if got := Left(c.s, c.width); got != c.left {
			t.Errorf("Left(%q, %d) = %q, want %q", c.s, c.width, got, c.left)
		}
	}
}
