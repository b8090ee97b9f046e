package cfmt

import "testing"

// The expected texts are what C's printf writes for the same format and
// arguments (checked with LC_ALL=C /usr/bin/printf): widths and
// precisions count bytes, so "é" (two bytes) takes two columns of a width.
func TestSprintf(t *testing.T) {
	cases := []struct {
		format string
		args   []any
		want   string
	}{
		{"plain", nil, "plain"},
		{"100%%", nil, "100%"},
		{"[%s]", []any{"eth0"}, "[eth0]"},
		{"[%-8s]", []any{"eth0"}, "[eth0    ]"},
		{"[%8s]", []any{"eth0"}, "[    eth0]"},
		{"[%-3s]", []any{"toolong"}, "[toolong]"},
		{"[%-6.6s]", []any{"abcdefgh"}, "[abcdef]"},
		{"[%-6.6s]", []any{"ab"}, "[ab    ]"},
		{"[%.0s]", []any{"gone"}, "[]"},
		{"[%d]", []any{int32(-42)}, "[-42]"},
		{"[%-4d]", []any{int32(-42)}, "[-42 ]"},
		{"[%6d]", []any{int32(7)}, "[     7]"},
		{"[%-1d]", []any{int32(-2147483648)}, "[-2147483648]"},
		{"%-15s %-5s %-6d %s\n", []any{"default", "UG", int32(100), "eth0"},
			"default         UG    100    eth0\n"},
		// Multi-byte UTF-8: widths pad by bytes, precisions cut bytes.
		{"[%-8s]", []any{"héllo"}, "[héllo  ]"},
		{"[%8s]", []any{"naïve"}, "[  naïve]"},
		{"[%-6.6s]", []any{"ünïcödé"}, "[ünïc]"},
		{"[%.3s]", []any{"é€x"}, "[é\xe2]"},
		{"[%-3s]", []any{"日本語"}, "[日本語]"},
		{"[%-9s]", []any{"日本語"}, "[日本語]"},
		{"[%-10s]", []any{"日本語"}, "[日本語 ]"},
	}
	for _, c := range cases {
		if got := Sprintf(c.format, c.args...); got != c.want {
			t.Errorf("Sprintf(%q, %v) = %q, want %q", c.format, c.args, got, c.want)
		}
	}
}

// TestSprintfMisuse checks that a format or argument the package does not
// support panics instead of printing something wrong.
func TestSprintfMisuse(t *testing.T) {
	cases := []struct {
		format string
		args   []any
	}{
		{"%x", []any{int32(1)}},
		{"%d", []any{1}},
		{"%d", []any{"1"}},
		{"%s", []any{int32(1)}},
		{"%.2d", []any{int32(1)}},
		{"%s %s", []any{"one"}},
		{"%s", []any{"one", "two"}},
		{"trailing %", nil},
		{"trailing %-5", []any{"x"}},
	}
	for _, c := range cases {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Sprintf(%q, %v) did not panic", c.format, c.args)
				}
			}()
			Sprintf(c.format, c.args...)
		}()
	}
}
