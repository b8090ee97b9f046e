package procnet

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"math/big"
	"net/netip"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/gonetstat/netstat/internal/nat"
	"github.com/gonetstat/netstat/internal/routes"
	"github.com/gonetstat/netstat/internal/sockets"
)

// addSocketSeeds adds the named testdata files to the fuzz corpus.
func addSocketSeeds(f *testing.F, names ...string) {
	for _, n := range names {
		data, err := os.ReadFile(filepath.Join("testdata", n))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
}

// socketLineCount is the most rows plus bad lines a parser may report for data:
// one per line after the header, counting 8191-byte pieces.
func socketLineCount(data []byte) int {
	n := 0
	for _, l := range bytes.SplitAfter(data, []byte("\n")) {
		if len(l) > 0 {
			n += (len(l) + fgetsSize - 2) / (fgetsSize - 1)
		}
	}
	return n
}

func FuzzParseInet(f *testing.F) {
	addSocketSeeds(f, "real_tcp", "real_tcp6", "real_udp6", "real_raw", "states_tcp", "hand_tcp6", "malformed_tcp", "malformed_udp")
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, p := range []sockets.Protocol{sockets.TCP, sockets.UDP, sockets.Raw} {
			events := 0
			err := ParseInet(bytes.NewReader(data), p, true, func(s *sockets.Socket) {
				events++
				l, r := s.Local.Addr(), s.Remote.Addr()
				if s.Protocol != p || !s.IPv6Table || !l.IsValid() || !r.IsValid() || l.Is4() != r.Is4() || l.Zone() != "" {
					t.Fatalf("insane record %+v", s)
				}
			}, func() { events++ })
			if err != nil {
				t.Fatal(err)
			}
			if max := socketLineCount(data); events > max {
				t.Fatalf("%d events for %d lines", events, max)
			}
		}
	})
}

func FuzzParseUnix(f *testing.F) {
	addSocketSeeds(f, "real_unix", "hand_unix", "unix_noinode")
	f.Fuzz(func(t *testing.T, data []byte) {
		events := 0
		err := ParseUnix(bytes.NewReader(data), func(u *sockets.UnixSocket) {
			events++
			if bytes.ContainsAny([]byte(u.Path), " \t\n\v\f\r\x00") {
				t.Fatalf("path %q is not one token", u.Path)
			}
			if u.Type > 0xFFFFFFFF || u.State > 0xFFFFFFFF {
				t.Fatalf("type/state wider than a C int: %+v", u)
			}
		}, func() { events++ })
		if err != nil {
			t.Fatal(err)
		}
		if max := socketLineCount(data); events > max {
			t.Fatalf("%d events for %d lines", events, max)
		}
	})
}

func FuzzParseSCTPEndpoints(f *testing.F) {
	addSocketSeeds(f, "sctp_eps")
	f.Fuzz(func(t *testing.T, data []byte) {
		events := 0
		err := ParseSCTPEndpoints(bytes.NewReader(data), func(e *sockets.SCTPEndpoint) {
			events++
			for _, a := range e.Local {
				if !a.IsValid() {
					t.Fatalf("invalid address in %+v", e)
				}
			}
		}, func() { events++ })
		if err != nil {
			t.Fatal(err)
		}
		if max := socketLineCount(data); events > max {
			t.Fatalf("%d events for %d lines", events, max)
		}
	})
}

func FuzzParseSCTPAssocs(f *testing.F) {
	addSocketSeeds(f, "sctp_assocs")
	f.Fuzz(func(t *testing.T, data []byte) {
		events := 0
		err := ParseSCTPAssocs(bytes.NewReader(data), func(a *sockets.SCTPAssoc) {
			events++
			for _, x := range append(a.Local[:len(a.Local):len(a.Local)], a.Remote...) {
				if !x.IsValid() {
					t.Fatalf("invalid address in %+v", a)
				}
			}
			if a.SendQ > 0xFFFFFFFF || a.RecvQ > 0xFFFFFFFF {
				t.Fatalf("queues wider than a C unsigned: %+v", a)
			}
		}, func() { events++ })
		if err != nil {
			t.Fatal(err)
		}
		if max := socketLineCount(data); events > max {
			t.Fatalf("%d events for %d lines", events, max)
		}
	})
}

// cachePieces splits data as rprint_cache's fgets calls do: the header
// piece (at most routeHeaderSize-1 bytes, through the first newline), then
// the count of row pieces of at most routeRowSize-1 bytes each.
func cachePieces(data []byte) (header []byte, rows int) {
	piece := func(b []byte, size int) []byte {
		b = b[:min(len(b), size-1)]
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			b = b[:i+1]
		}
		return b
	}
	header = piece(data, routeHeaderSize)
	for rest := data[len(header):]; len(rest) > 0; rows++ {
		rest = rest[len(piece(rest, routeRowSize)):]
	}
	return header, rows
}

func FuzzParseRouteCache(f *testing.F) {
	for _, n := range []string{"rt_cache_real", "rt_cache_odd", "rt_cache_old", "route_real"} {
		f.Add(rtFixture(f, n))
	}
	f.Add([]byte("IRTT\nlo 0 0\n"))      // the guess 1: read with the 2.0 columns
	f.Add([]byte("TOS\nlo 1\n"))         // the guess 2: read with the 2.2 columns
	f.Add([]byte("Iface IRTT TOS\nx\n")) // the guess 3: no columns asked for
	f.Add([]byte("Iface\x00IRTT TOS HHRef HHUptod SpecDst\n"))
	// The second row stops before SpecDst: it shows 192.0.2.12, its
	// Source, not the 192.0.2.1 of the row before.
	f.Add([]byte("Iface\tDestination\tGateway \tFlags\t\tRefCnt\tUse\tMetric\tSource\t\tMTU\tWindow\tIRTT\tTOS\tHHRef\tHHUptod\tSpecDst\n" +
		"eth0\t0100007F\t0100007F\t0\t1\t2\t3\t0100007F\t1500\t0\t0\t0\t-1\t1\t010200C0\n" +
		"lo\t0A0200C0\t0B0200C0\t0\t1\t2\t3\t0C0200C0\t1500\t0\t0\t0\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := ParseRouteCache(bytes.NewReader(data))
		if len(data) == 0 {
			if !errors.Is(err, routes.ErrNoHeader) || c.Layout != -1 || c.Rows != nil {
				t.Fatalf("empty file: %+v, %v", c, err)
			}
			return
		}
		header, pieces := cachePieces(data)
		text := string(cString(header))
		layout := 0
		for _, w := range cacheLayoutWords {
			if strings.Contains(text, w.word) {
				layout |= w.bit
			}
		}
		if c.Layout != layout {
			t.Fatalf("layout %d, the header %q makes %d", c.Layout, text, layout)
		}
		var missing *routes.MissingFieldError
		switch {
		case err == nil:
		case errors.As(err, &missing):
			if c.Rows != nil {
				t.Fatalf("rows with %v", err)
			}
		default:
			t.Fatalf("unexpected error %v", err)
		}
		known := layout == routes.CacheLayout20 || layout == routes.CacheLayout22
		if (layout == 1 || layout == 2) && missing == nil {
			// net-tools reads these with the columns of format 1 or 2,
			// which such a header cannot hold all of.
			t.Fatalf("layout %d read without a missing column (%v)", layout, err)
		}
		if !known && layout != 1 && layout != 2 && (err != nil || c.Rows != nil) {
			t.Fatalf("layout %d: %d rows, %v", layout, len(c.Rows), err)
		}
		if len(c.Rows) > pieces {
			t.Fatalf("%d rows from %d lines", len(c.Rows), pieces)
		}
		// How far each row's scan went: a SpecDst it did not reach (and
		// every SpecDst of the 2.0 layout) repeats the row's last
		// address, Source, since net-tools' buffer then holds printed
		// text that is not hex.
		var reached []int
		if len(c.Rows) > 0 {
			want := map[int][]column{routes.CacheLayout20: cacheColumns20, routes.CacheLayout22: cacheColumns22}[layout]
			plan, err := procGenFormat(cString(header), want)
			if err != nil {
				t.Fatal(err)
			}
			vals := make([]scanValue, len(want))
			in := newCStream(bytes.NewReader(data[len(header):]))
			for line, ok := in.fgets(routeRowSize); ok; line, ok = in.fgets(routeRowSize) {
				if n := scanPlanned(line, plan, want, vals); n >= 12 {
					reached = append(reached, n)
				}
			}
			if len(reached) != len(c.Rows) {
				t.Fatalf("%d rows, %d lines scanned far enough", len(c.Rows), len(reached))
			}
		}
		for i, r := range c.Rows {
			if reached[i] < 15 && r.SpecDst != r.Source {
				t.Fatalf("row %d stops after %d columns, but SpecDst %v is not Source %v", i, reached[i], r.SpecDst, r.Source)
			}
			for _, a := range []netip.Addr{r.Dest, r.Gateway, r.Source, r.SpecDst} {
				if !a.Is4() {
					t.Fatalf("not an IPv4 address in %+v", r)
				}
			}
			if len(r.Iface) == 0 || len(r.Iface) > 15 || bytes.ContainsAny([]byte(r.Iface), " \t\n\v\f\r\x00") {
				t.Fatalf("iface %q is not one %%15s word", r.Iface)
			}
			if layout == routes.CacheLayout20 && (r.TOS != 0 || r.HHRef != 0 || r.HHUptod != 0) ||
				layout == routes.CacheLayout22 && (r.HH != 0 || r.ARP != 0) {
				t.Fatalf("columns of the other layout set in %+v", r)
			}
		}
	})
}

// masqueradeResult is everything ParseMasquerade returns, comparable.
type masqueradeResult struct {
	table string
	err   string
}

func parseMasqueradeResult(data []byte) masqueradeResult {
	t, err := ParseMasquerade(bytes.NewReader(data))
	r := masqueradeResult{table: fmt.Sprintf("%+v", t)}
	if err != nil {
		r.err = err.Error()
	}
	return r
}

func FuzzParseMasquerade(f *testing.F) {
	const (
		hdr22 = "Prc FromIP   FPrt ToIP     TPrt Masq Init-seq  Delta PDelta Expires\n"
		hdr20 = "Prc FromIP   FPrt ToIP     TPrt Masq Init-seq  Delta Expires\n"
	)
	f.Add([]byte(hdr22 + "TCP 0A000002:0401 C0000201:0050 EE48 00000007 -2 0 12345\n" +
		"UDP C0A80102:0035 08080808:0035 EE49 00000000 0 0 3000\n"))
	f.Add([]byte(hdr20 + "ICMP 0A000002:0800 C0000201:0000 EE4A 00000000 0 500\n"))
	f.Add([]byte(hdr22 + "XYZ 0A000002:0401 C0000201:0050 1 2 3 4 5\n"))
	f.Add([]byte(hdr22 + "TCP 0A000002\n"))
	// net-tools compares the protocol word with strcmp, so "TCP\0ab" is
	// TCP; and a NUL in the header hides "PDelta" from strstr but not the
	// rest of the line from fscanf.
	f.Add([]byte(hdr22[:20] + "TCP\x00ab 0A000002:0401 C0000201:0050 EE48 00000007 -2 0 12345\n"))
	f.Add([]byte("Prc\x00 XX PDelta\nUDP 0A000002:0401 C0000201:0050 EE48 00000007 -2 12345\n"))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, data []byte) {
		tab, err := ParseMasquerade(bytes.NewReader(data))
		var fe *nat.FormatError
		switch {
		case len(data) == 0:
			if !errors.As(err, &fe) || fe.Text != "fgets() failed" {
				t.Fatalf("empty file: %v", err)
			}
			return
		case err == nil:
		case !errors.As(err, &fe) || fe.Text != "ip_masquerade format error" && fe.Text != "ip_masquerade unknown type":
			t.Fatalf("unexpected error %v", err)
		}
		header := data[:min(len(data), 255)]
		if i := bytes.IndexByte(header, '\n'); i >= 0 {
			header = header[:i+1]
		}
		if want := bytes.Contains(cString(header), []byte("PDelta")); tab.HasPDelta != want {
			t.Fatalf("HasPDelta %v for the header %q", tab.HasPDelta, header)
		}
		for _, e := range tab.Entries {
			if _, ok := map[string]bool{"ip": true, "tcp": true, "udp": true, "icmp": true, "gre": true, "esp": true}[e.Proto]; !ok {
				t.Fatalf("protocol %q", e.Proto)
			}
			if !e.Src.Is4() || !e.Dst.Is4() || !tab.HasPDelta && e.PDelta != 0 {
				t.Fatalf("insane entry %+v", e)
			}
		}
		want := parseMasqueradeResult(data)
		// fscanf goes on after the whole header line, whatever strstr saw
		// of it: a NUL and more text just before its newline change
		// nothing.
		if n := len(header); n > 0 && header[n-1] == '\n' && n+7 <= 255 {
			hidden := append(append(append([]byte{}, data[:n-1]...), "\x00PDelta"...), data[n-1:]...)
			if got := parseMasqueradeResult(hidden); got != want {
				t.Fatalf("text after a NUL in the header changed the result:\n got %+v\nwant %+v", got, want)
			}
		}
		// strcmp sees the first protocol word up to a NUL: bytes after one
		// change nothing.
		rest := data[len(header):]
		start := 0
		for start < len(rest) && isCSpace(rest[start]) {
			start++
		}
		end := start
		for end < len(rest) && !isCSpace(rest[end]) {
			end++
		}
		if end > start {
			at := len(header) + end
			hidden := append(append(append([]byte{}, data[:at]...), "\x00zz"...), data[at:]...)
			if got := parseMasqueradeResult(hidden); got != want {
				t.Fatalf("text after a NUL in the protocol word changed the result:\n got %+v\nwant %+v", got, want)
			}
		}
	})
}

// refStrto is C strtoul/strtol (base 0, 10 or 16) worked out with big
// numbers: the magnitude read, its sign, the bytes used, and ok.
func refStrto(b []byte, base int) (mag *big.Int, neg bool, used int, ok bool) {
	i := 0
	for i < len(b) && isCSpace(b[i]) {
		i++
	}
	if i < len(b) && (b[i] == '+' || b[i] == '-') {
		neg = b[i] == '-'
		i++
	}
	isHex := func(c byte) bool { return strings.IndexByte("0123456789abcdefABCDEF", c) >= 0 }
	switch {
	case (base == 0 || base == 16) && len(b) > i+2 && b[i] == '0' && (b[i+1]|0x20) == 'x' && isHex(b[i+2]):
		base, i = 16, i+2
	case base == 0 && i < len(b) && b[i] == '0':
		base = 8
	case base == 0:
		base = 10
	}
	mag = new(big.Int)
	start := i
	for ; i < len(b); i++ {
		d, err := strconv.ParseUint(string(b[i]), 36, 8)
		if err != nil || int(d) >= base {
			break
		}
		if mag.BitLen() <= 64 { // beyond, it only matters that it overflows
			mag.Mul(mag, big.NewInt(int64(base)))
			mag.Add(mag, big.NewInt(int64(d)))
		}
	}
	if i == start {
		return nil, false, 0, false
	}
	return mag, neg, i, true
}

func FuzzCNumbers(f *testing.F) {
	for _, s := range []string{"12345", " \t-17", "+0x1F", "0x", "0xg", "017", "08", "18446744073709551615",
		"18446744073709551616", "-9223372036854775808", "-9223372036854775809", "9223372036854775807 ", "0000000000000000ffffffffffffffff", ""} {
		f.Add([]byte(s))
	}
	twoTo64 := new(big.Int).Lsh(big.NewInt(1), 64)
	maxU := new(big.Int).Sub(twoTo64, big.NewInt(1))
	minS, maxS := big.NewInt(math.MinInt64), big.NewInt(math.MaxInt64)
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, base := range []int{0, 10, 16} {
			mag, neg, used, ok := refStrto(b, base)
			u, uUsed, uOK := cStrtoul(b, base)
			s, sUsed, sOK := cStrtol(b, base)
			if uOK != ok || sOK != ok || uUsed != used || sUsed != used {
				t.Fatalf("base %d %q: ok %v/%v used %d/%d, want %v %d", base, b, uOK, sOK, uUsed, sUsed, ok, used)
			}
			if !ok {
				if u != 0 || s != 0 {
					t.Fatalf("base %d %q: no number but %d, %d", base, b, u, s)
				}
				continue
			}
			// strtoul: ULONG_MAX on overflow, else the value negated
			// modulo 2^64 after a '-'.
			wantU := new(big.Int).Set(mag)
			switch {
			case mag.Cmp(maxU) > 0:
				wantU.Set(maxU)
			case neg:
				wantU.Neg(wantU).Mod(wantU, twoTo64)
			}
			// strtol: saturated at LONG_MIN and LONG_MAX.
			wantS := new(big.Int).Set(mag)
			if neg {
				wantS.Neg(wantS)
			}
			if wantS.Cmp(minS) < 0 {
				wantS.Set(minS)
			} else if wantS.Cmp(maxS) > 0 {
				wantS.Set(maxS)
			}
			if u != wantU.Uint64() || s != wantS.Int64() {
				t.Fatalf("base %d %q: %d, %d; want %v, %v", base, b, u, s, wantU, wantS)
			}
		}
	})
}
