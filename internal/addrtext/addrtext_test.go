package addrtext

import (
	"net/netip"
	"strings"
	"testing"
)

type names map[string]string

func (n names) Host(a netip.Addr) (string, bool)    { s, ok := n["h "+a.String()]; return s, ok }
func (n names) Network(a netip.Addr) (string, bool) { s, ok := n["n "+a.String()]; return s, ok }

func TestText(t *testing.T) {
	n := names{
		"h 127.0.0.1":        "localhost",
		"n 0.0.0.5":          "fivenet",
		"h 10.0.0.1":         strings.Repeat("x", 200),
		"h ::ffff:127.0.0.1": "mapped-name",
		"h 2001:db8::1":      "six\x00junk",
	}
	a := netip.MustParseAddr
	cases := []struct{ got, want string }{
		{IPv4(a("127.0.0.1"), false, n), "localhost"},
		{IPv4(a("127.0.0.1"), true, n), "127.0.0.1"},
		{IPv4(a("0.0.0.0"), false, n), "0.0.0.0"},
		{IPv4(a("0.0.0.5"), false, n), "fivenet"},
		{IPv4(a("0.0.0.6"), false, n), "0.0.0.6"},
		{IPv4(a("10.0.0.1"), false, n), strings.Repeat("x", NameMax)},
		{IPv4Masked(a("0.0.0.0"), a("0.0.0.0"), false, true, false, n), "default"},
		{IPv4Masked(a("0.0.0.0"), a("0.0.0.0"), false, false, false, n), "*"},
		{IPv6(a("::"), false, n), "[::]"},
		{IPv6(a("::"), true, nil), "::"},
		{IPv6(a("::ffff:10.1.2.3"), false, n), "10.1.2.3"},
		{IPv6(a("::ffff:127.0.0.1"), false, n), "mapped-name"},
		{IPv6(a("::1.2.3.4"), true, nil), "::1.2.3.4"},
		{IPv6(a("2001:db8::1"), false, n), "six"},
		{IPv6(netip.Addr{}, true, nil), "[NONE SET]"},
	}
	for i, c := range cases {
		if c.got != c.want {
			t.Errorf("case %d: got %q, want %q", i, c.got, c.want)
		}
	}
}
