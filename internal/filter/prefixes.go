package filter

import (
	"errors"
	"net/netip"
	"strings"
)

// prefixList is the prefixes of --addr; nil when not given. IPv4-mapped
// IPv6 prefixes are kept as IPv4 prefixes.
type prefixList []netip.Prefix

// has reports whether a is in one of the prefixes. An IPv4-mapped IPv6
// address is compared as the IPv4 address it carries.
func (l prefixList) has(a netip.Addr) bool {
	if !a.IsValid() {
		return false
	}
	a = a.Unmap()
	for _, p := range l {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// parsePrefixes reads a list of CIDR prefixes and single addresses.
func parsePrefixes(arg string) (prefixList, error) {
	items, err := splitList(arg)
	if err != nil {
		return nil, err
	}
	l := make(prefixList, 0, len(items))
	for _, it := range items {
		p, err := parsePrefix(strings.TrimSpace(it))
		if err != nil {
			return nil, err
		}
		l = append(l, p)
	}
	return l, nil
}

// parsePrefix reads "a.b.c.d/n", "x::y/n" or a single address (a prefix
// of full length). Host bits are cleared; a zone is refused.
func parsePrefix(s string) (netip.Prefix, error) {
	bad := errors.New("want an address or a CIDR prefix such as 10.0.0.0/8 or fd00::/8")
	var p netip.Prefix
	if strings.Contains(s, "/") {
		var err error
		if p, err = netip.ParsePrefix(s); err != nil {
			return p, bad
		}
	} else {
		a, err := netip.ParseAddr(s)
		if err != nil || a.Zone() != "" {
			return p, bad
		}
		p = netip.PrefixFrom(a, a.BitLen())
	}
	if a := p.Addr(); a.Is4In6() && p.Bits() >= 96 {
		p = netip.PrefixFrom(a.Unmap(), p.Bits()-96)
	}
	return p.Masked(), nil
}
