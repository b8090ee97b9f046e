package names

import "io"

// networksTable maps network numbers to the first /etc/networks name that
// has them.
type networksTable struct {
	byNet map[uint32]string
}

// parseNetworks reads /etc/networks with glibc 2.36 nss_files rules:
// "NAME NUMBER [ALIAS...]", '#' comments, blank separators.
//
// NUMBER is first padded on the right with ".0" parts up to four parts
// (counting at most three dots, so "172.16" becomes "172.16.0.0"), then
// read by inet_network, which packs the parts from the most significant
// byte down: "172.16" is 0xAC100000 and "0.0.0.5" is 5. A number that does
// not parse is stored as 0xffffffff (INADDR_NONE), so such a line answers
// lookups of 255.255.255.255.
//
// getnetbyaddr(net, AF_INET) then compares net with that value for equality
// and returns the first match. netstat passes the address converted to a
// host-order number (ntohl of the network-order address) in both of its
// uses: for a socket address 0.x.y.z it passes ntohl(addr) (so 0.0.0.5 is 5
// and only an entry written "0.0.0.5" matches, while "5" means 5.0.0.0);
// for a route destination without host bits it passes ntohl(destination)
// (so 172.16.0.0 matches "172.16"). Either way the lookup key is the
// address read as a big-endian 32-bit number; see Resolver.Network.
func parseNetworks(r io.Reader) *networksTable {
	t := &networksTable{byNet: map[uint32]string{}}
	forEachLine(r, func(line []byte) {
		line = cutAt(line, "#")
		name, rest := field(line, isSpace, true)
		addr, _ := field(rest, isSpace, true)
		dots := 0
		for i := 0; i < len(addr) && dots < 3; i++ {
			if addr[i] == '.' {
				dots++
			}
		}
		padded := append([]byte(nil), addr...)
		for n := dots + 1; n < 4; n++ {
			padded = append(padded, '.', '0')
		}
		net := inetNetwork(padded)
		if _, dup := t.byNet[net]; !dup {
			t.byNet[net] = string(name)
		}
	})
	return t
}
