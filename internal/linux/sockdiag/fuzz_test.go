package sockdiag

import (
	"testing"

	"github.com/gonetstat/netstat/internal/sockets"
)

// seedWithFixtures adds every captured message body to f.
func seedWithFixtures(f *testing.F, add func(b []byte)) {
	for _, fx := range fixtures {
		for _, m := range splitMessages(f, readFixture(f, fx.name+".nl")) {
			add(m)
		}
	}
}

// FuzzDecodeInetDiag checks that no reply, however malformed, makes the
// decoder panic, and that an accepted one gives a sane record.
func FuzzDecodeInetDiag(f *testing.F) {
	seedWithFixtures(f, func(b []byte) { f.Add(b, uint8(sockets.TCP)) })
	f.Add(make([]byte, msgLen), uint8(sockets.Raw))
	f.Fuzz(func(t *testing.T, b []byte, proto uint8) {
		p := sockets.Protocol(proto%4 + 1) // TCP, UDP, UDPLite, Raw
		var s sockets.Socket
		if !decodeInetDiag(b, p, false, &s) {
			if len(b) >= msgLen && (b[0] == 2 || b[0] == 10) {
				t.Fatal("well-sized inet message rejected")
			}
			return
		}
		if !s.Local.IsValid() || !s.Remote.IsValid() {
			t.Fatalf("invalid address in %+v", s)
		}
		if p == sockets.TCP && (s.State == stateNewSynRecv || (s.State == sockets.Listen && s.SendQ != 0)) {
			t.Fatalf("TCP state mapping: %+v", s)
		}
		if p == sockets.Raw && s.Remote.Port() != 0 {
			t.Fatalf("raw remote port %d", s.Remote.Port())
		}
	})
}

// FuzzParseAttrs checks the attribute walker on arbitrary bytes.
func FuzzParseAttrs(f *testing.F) {
	seedWithFixtures(f, func(b []byte) {
		if len(b) > msgLen {
			f.Add(b[msgLen:])
		}
	})
	f.Add(attr(attrInfo, tcpInfo(1, 2)))
	f.Add([]byte{0xff, 0xff, 2, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		var a msgAttrs
		parseAttrs(b, &a)
	})
}
