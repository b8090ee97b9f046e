package names

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gonetstat/netstat/internal/names/dnstest"
)

// addSeeds seeds f with every testdata file called name.
func addSeeds(f *testing.F, name string) {
	paths, _ := filepath.Glob(filepath.Join("testdata", "*", name))
	for _, p := range paths {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("  x\x00y\n\t#\n"))
}

func FuzzHosts(f *testing.F) {
	addSeeds(f, "hosts")
	f.Fuzz(func(t *testing.T, b []byte) {
		h := parseHosts(bytes.NewReader(b))
		for _, n := range h.v4 {
			if bytes.ContainsAny([]byte(n), " \t\n#") {
				t.Fatalf("name %q has a separator", n)
			}
		}
	})
}

func FuzzNetworks(f *testing.F) {
	addSeeds(f, "networks")
	f.Fuzz(func(t *testing.T, b []byte) {
		parseNetworks(bytes.NewReader(b))
		inetNetwork(b)
		pton6(b)
	})
}

func FuzzServices(f *testing.F) {
	addSeeds(f, "services")
	addSeeds(f, "protocols")
	f.Fuzz(func(t *testing.T, b []byte) {
		s := newServiceTables()
		parseServices(bytes.NewReader(b), s)
		parseProtocols(bytes.NewReader(b), s)
	})
}

func FuzzPasswd(f *testing.F) {
	addSeeds(f, "passwd")
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, n := range parsePasswd(bytes.NewReader(b)) {
			if bytes.IndexByte([]byte(n), ':') >= 0 {
				t.Fatalf("name %q has a colon", n)
			}
		}
	})
}

func FuzzNsswitch(f *testing.F) {
	addSeeds(f, "nsswitch.conf")
	f.Fuzz(func(t *testing.T, b []byte) {
		n := parseNsswitch(bytes.NewReader(b))
		n.lookup("hosts", func(string) (string, status) { return "", statusNotFound })
	})
}

// FuzzFirstPTR feeds DNS responses to the reader that picks the PTR name
// netstat prints: it must not panic, and a name it returns is absolute and
// passes glibc's host name check.
func FuzzFirstPTR(f *testing.F) {
	q := dnstest.Query{ID: 7, Question: append(dnstest.AppendName(nil, "1.2.0.192.in-addr.arpa"), 0, dnstest.TypePTR, 0, dnstest.ClassIN)}
	f.Add(dnstest.Response(q, 0, ptrRecords("host.example."), 512))
	f.Add(dnstest.Response(q, 0, ptrRecords("bad name.", "good."), 512))
	f.Add(dnstest.Response(q, 0, []dnstest.Record{{Type: dnstest.TypeCNAME, Target: "x.example."}, {Owner: "x.example.", Type: dnstest.TypePTR, Target: "y."}}, 512))
	f.Add(dnstest.Response(q, dnstest.RcodeNXDomain, nil, 512))
	f.Add(dnstest.Response(q, 0, ptrRecords(strings.Repeat("long.", 40)), 65535))
	f.Fuzz(func(t *testing.T, msg []byte) {
		name, ok := firstPTR(msg)
		if !ok {
			return
		}
		if !strings.HasSuffix(name, ".") {
			t.Fatalf("name %q is not absolute", name)
		}
		labels := strings.Split(strings.TrimSuffix(name, "."), ".")
		if name == "." {
			labels = nil
		}
		if !isHostName(labels) {
			t.Fatalf("name %q fails the host name check", name)
		}
	})
}

// FuzzWithoutOPT feeds queries to the OPT remover: what it returns is the
// message less its last 11 bytes, with no additional record counted.
func FuzzWithoutOPT(f *testing.F) {
	q := dnstest.AppendName(binary.BigEndian.AppendUint16([]byte{0, 1, 1, 0, 0, 1, 0, 0, 0, 0}, 1), "1.0.0.127.in-addr.arpa")
	q = append(q, 0, dnstest.TypePTR, 0, dnstest.ClassIN)
	f.Add(q)
	f.Add(append(q, 0, 0, 41, 4, 0xd0, 0, 0, 0, 0, 0, 0))
	f.Fuzz(func(t *testing.T, msg []byte) {
		plain, ok := withoutOPT(msg)
		if !ok {
			return
		}
		if len(plain) != len(msg)-optRecordLen || !bytes.Equal(plain[:10], msg[:10]) || !bytes.Equal(plain[12:], msg[12:len(msg)-optRecordLen]) {
			t.Fatalf("withoutOPT(%x) = %x", msg, plain)
		}
		if plain[10] != 0 || plain[11] != 0 {
			t.Fatalf("additional records still counted: %x", plain[:12])
		}
	})
}
