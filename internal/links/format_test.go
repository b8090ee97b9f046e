package links

import "testing"

func TestHumanBytes(t *testing.T) {
	cases := map[uint64]string{
		0: "0.0 B", 936: "936.0 B", 1024: "1024.0 B", 1025: "1.0 KiB", 15303: "14.9 KiB",
		16312: "15.9 KiB", 1048576: "1024.0 KiB", 1048577: "1.0 MiB",
		1 << 30: "1024.0 MiB", 1<<30 + 1: "1.0 GiB", 1<<40 + 1: "1.0 TiB",
		1<<50 + 1: "1.0 PiB", 1 << 60: "1024.0 PiB", 1<<60 + 1: "1.0 EiB",
		1<<64 - 1: "16.0 EiB",
		// bytes*10 wraps in 64 bits, as in C.
		1<<62 + 12345: "4.0 EiB", 2000000000000000000: "1.7 EiB",
	}
	for n, want := range cases {
		if got := humanBytes(n); got != want {
			t.Errorf("humanBytes(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestFlags(t *testing.T) {
	short := map[uint16]string{
		0: "[NO FLAGS]", 0x49: "LRU", 0x1043: "BMRU", 0x1003: "BMU", 0x1343: "ABMPRU",
		0x1090: "MOP", 0x1091: "MOPU", 0x8000: "d", 0x0c00: "sm", 0x24: "DN", 0x2000: "",
	}
	for f, want := range short {
		if got := shortFlags(f); got != want {
			t.Errorf("shortFlags(%#x) = %q, want %q", f, got, want)
		}
	}
	long := map[uint16]string{
		0:      "flags=0<",
		0x1043: "flags=4163<UP,BROADCAST,RUNNING,MULTICAST>",
		0x49:   "flags=73<UP,LOOPBACK,RUNNING>",
		0x8001: "flags=-32767<UP,DYNAMIC>",
		0x2000: "flags=8192",
		0x1091: "flags=4241<UP,POINTOPOINT,NOARP,MULTICAST>",
	}
	for f, want := range long {
		if got := longFlags(f); got != want {
			t.Errorf("longFlags(%#x) = %q, want %q", f, got, want)
		}
	}
}

func TestScopeTag(t *testing.T) {
	cases := map[uint32]string{
		0: "<global>", 0x10: "<host>", 0x20: "<link>", 0x40: "<site>", 0x80: "<compat,global>",
		0xa0: "<compat,link>", 0x0e: "", 0x30: "<link,host>",
	}
	for s, want := range cases {
		if got := scopeTag(s); got != want {
			t.Errorf("scopeTag(%#x) = %q, want %q", s, got, want)
		}
	}
}

func TestHWPrinters(t *testing.T) {
	mac := []byte{0xa2, 0xc9, 0x0e, 0xcd, 0x1f, 0xd3, 0x77, 0x88, 0x99}
	cases := []struct {
		arphrd uint16
		addr   []byte
		name   string
		text   string
	}{
		{1, mac, "ether", "a2:c9:0e:cd:1f:d3"},
		{774, mac, "fddi", "A2-C9-0E-CD-1F-D3"},
		{780, mac, "hippi", "A2:C9:0E:CD:1F:D3"},
		// Only 8 bytes are kept: the 9th (0x99) is lost.
		{27, mac, "eui64", "A2:C9:0E:CD:1F:D3:77:88"},
		{65534, mac, "unspec", "A2-C9-0E-CD-1F-D3-77-88-00-00-00-00-00-00-00-00"},
		{0xffff, nil, "unspec", "00-00-00-00-00-00-00-00-00-00-00-00-00-00-00-00"},
		{32, nil, "unspec", "00-00-00-00-00-00-00-00-00-00-00-00-00-00-00-00"},
		{7, mac, "arcnet", "A2"},
		{270, mac, "rose", "a2c90ecd1f"},
		{15, []byte{0xfe, 0xff}, "dlci", "-2"},
		{783, []byte{1, 2, 3, 0x84}, "irda", "ffffff84:03"},
		{271, []byte("1234\x00"), "x25", "1234"},
		{3, []byte{'N' << 1, '0' << 1, 'C' << 1, 'A' << 1, 'L' << 1, ' ' << 1, 0x0e}, "ax25", "N0CAL-7"},
		{768, mac, "tunnel", ""},
	}
	for _, c := range cases {
		hw := lookupHWType(c.arphrd)
		if hw.name != c.name {
			t.Errorf("type %d: %q, want %q", c.arphrd, hw.name, c.name)
			continue
		}
		if got := hw.print(hwAddrBuffer(c.addr)); got != c.text {
			t.Errorf("%s: %q, want %q", c.name, got, c.text)
		}
	}
	for _, t772 := range []uint16{772, 512, 776, 256} {
		if lookupHWType(t772).print != nil {
			t.Errorf("type %d prints an address", t772)
		}
	}
}

func TestInet6Text(t *testing.T) {
	cases := map[string]string{
		"::ffff:1.2.3.4": "1.2.3.4", "::1.2.3.4": "::1.2.3.4", "fe80::1": "fe80::1",
		"2001:db8::1:0:0:1": "2001:db8::1:0:0:1", "::": "::",
	}
	for in, want := range cases {
		if got := inet6Text(mustAddr(in)); got != want {
			t.Errorf("inet6Text(%s) = %q, want %q", in, got, want)
		}
	}
}
