package cfmt

import "testing"

func TestCString(t *testing.T) {
	cases := []struct{ s, want string }{
		{"", ""},
		{"eth0", "eth0"},
		{"eth0\x00junk", "eth0"},
		{"\x00", ""},
		{"héllo\x00x", "héllo"},
	}
	for _, c := range cases {
		if got := CString(c.s); got != c.want {
			t.Errorf("CString(%q) = %q, want %q", c.s, got, c.want)
		}
	}
}

// Clip counts bytes, so it may cut a multi-byte character, as a C buffer
// does.
func TestClip(t *testing.T) {
	cases := []struct {
		s    string
		n    int
		want string
	}{
		{"", 3, ""},
		{"abc", 3, "abc"},
		{"abcd", 3, "abc"},
		{"abc", 0, ""},
		{"héllo", 2, "h\xc3"},
		{"héllo", 3, "hé"},
		{"日本語", 6, "日本"},
		{"日本語", 7, "日本\xe8"},
	}
	for _, c := range cases {
		if got := Clip(c.s, c.n); got != c.want {
			t.Errorf("Clip(%q, %d) = %q, want %q", c.s, c.n, got, c.want)
		}
	}
}
