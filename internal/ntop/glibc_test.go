package ntop

import (
	"bufio"
	"encoding/hex"
	"net/netip"
	"os"
	"strings"
	"testing"
)

// testdata/glibc.txt holds random addresses (hex) with the text glibc 2.36's
// inet_ntop gave for them.
func TestAgainstGlibcSamples(t *testing.T) {
	f, err := os.Open("testdata/glibc.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		hexAddr, want, _ := strings.Cut(sc.Text(), " ")
		raw, err := hex.DecodeString(hexAddr)
		if err != nil || len(raw) != 16 {
			t.Fatalf("bad sample line %q", sc.Text())
		}
		if got := String(netip.AddrFrom16([16]byte(raw))); got != want {
			t.Errorf("%s: got %q, want %q", hexAddr, got, want)
		}
		n++
	}
	if n < 1000 {
		t.Fatalf("only %d samples read", n)
	}
}
