package procnet

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

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
