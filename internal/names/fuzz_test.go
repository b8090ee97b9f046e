package names

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
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
