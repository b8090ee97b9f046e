package procnet

import (
	"errors"
	"net/netip"
	"os"
	"strings"
	"testing"

	"github.com/gonetstat/netstat/internal/nat"
)

func TestParseMasquerade(t *testing.T) {
	in := "Prc FromIP   FPrt ToIP     TPrt Masq Init-seq  Delta PDelta Expires\n" +
		"TCP 0A000002:0401 C0000201:0050 EE48 00000007 -2 0 12345\n"
	tab, err := ParseMasquerade(strings.NewReader(in))
	want := nat.Entry{Proto: "tcp", Src: netip.MustParseAddr("10.0.0.2"), Dst: netip.MustParseAddr("192.0.2.1"),
		SPort: 1025, DPort: 80, MPort: 0xee48, InitSeq: 7, Delta: -2, Expires: 12345}
	if err != nil || !tab.HasPDelta || len(tab.Entries) != 1 || tab.Entries[0] != want {
		t.Errorf("%v %+v", err, tab)
	}
	var fe *nat.FormatError
	if _, err := ParseMasquerade(strings.NewReader("hdr\nXYZ 0A000002:0401 C0000201:0050 1 2 3 4\n")); !errors.As(err, &fe) || fe.Text != "ip_masquerade unknown type" {
		t.Errorf("unknown type: %v", err)
	}
	if _, err := ParseMasquerade(strings.NewReader("hdr\nTCP 0A000002\n")); !errors.As(err, &fe) || fe.Text != "ip_masquerade format error" {
		t.Errorf("short entry: %v", err)
	}
	if _, err := ParseMasquerade(strings.NewReader("")); !errors.As(err, &fe) || fe.Text != "fgets() failed" {
		t.Errorf("empty: %v", err)
	}
	if _, err := (Masquerade{Root: "testdata/none"}).Masquerade(); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing: %v", err)
	}
}
