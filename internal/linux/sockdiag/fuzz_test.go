package sockdiag

import (
	"strings"
	"testing"

	"github.com/gonetstat/netstat/internal/sockets"
	"golang.org/x/sys/unix"
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

// FuzzDecodeTCPInfo checks the tcp_info decoder on arbitrary attribute
// payloads: no panic, no NUL in the congestion name, and a short struct
// means the same as that struct padded with zeros to the full size.
func FuzzDecodeTCPInfo(f *testing.F) {
	f.Add(constructedInfo(unix.SizeofTCPInfo), []byte("cubic\x00"))
	f.Add(constructedInfo(168)[:120], []byte("bbr"))
	f.Add([]byte{1}, []byte{})
	f.Fuzz(func(t *testing.T, info, cong []byte) {
		var raw unix.TCPInfo
		var got, padded sockets.TCPInfo
		if !decodeTCPInfo(info, cong, &raw, &got) {
			if len(info) != 0 {
				t.Fatal("non-empty tcp_info rejected")
			}
			return
		}
		if strings.IndexByte(got.Congestion, 0) >= 0 {
			t.Fatalf("NUL in congestion name %q", got.Congestion)
		}
		full := make([]byte, max(len(info), unix.SizeofTCPInfo))
		copy(full, info)
		decodeTCPInfo(full, cong, &raw, &padded)
		if got != padded {
			t.Fatalf("short struct %+v, padded %+v", got, padded)
		}
	})
}
