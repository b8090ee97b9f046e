package sockdiag

import (
	"bytes"
	"time"
	"unsafe"

	"github.com/gonetstat/netstat/internal/sockets"
	"golang.org/x/sys/unix"
)

// extCong asks for INET_DIAG_CONG (the congestion control name): bit
// INET_DIAG_CONG-1 of idiag_ext.
const extCong = 1 << (attrCong - 1)

// tcpInfoDecoder turns the INET_DIAG_INFO and INET_DIAG_CONG attributes of
// one TCP row into a sockets.TCPInfo. Both the kernel struct and the record
// are reused from row to row, so a dump allocates nothing for them (the
// congestion name is a new string only when it differs from the last
// row's).
type tcpInfoDecoder struct {
	raw  unix.TCPInfo
	info sockets.TCPInfo
}

// attach sets s.Info from attrs, the attributes that follow the fixed part
// of s's inet_diag_msg. It leaves s.Info nil for a row without tcp_info
// (TIME_WAIT and request sockets have none) and for a listener, whose
// tcp_info describes no connection.
func (d *tcpInfoDecoder) attach(s *sockets.Socket, attrs []byte) {
	s.Info = nil
	if s.State == sockets.Listen {
		return
	}
	var a msgAttrs
	parseAttrs(attrs, &a)
	if !decodeTCPInfo(a.info, a.cong, &d.raw, &d.info) {
		return
	}
	s.Info = &d.info
}

// decodeTCPInfo fills dst from info, the payload of INET_DIAG_INFO (a
// struct tcp_info of the running kernel's size), and cong, that of
// INET_DIAG_CONG (nil when absent), using raw as scratch. It copies at most
// the bytes the kernel sent: an older kernel's shorter struct leaves the
// later fields (delivery rate, bytes received, ...) zero, and a newer
// kernel's longer one is cut to the fields known here. It reports false
// when info is empty.
func decodeTCPInfo(info, cong []byte, raw *unix.TCPInfo, dst *sockets.TCPInfo) bool {
	if len(info) == 0 {
		return false
	}
	b := unsafe.Slice((*byte)(unsafe.Pointer(raw)), unsafe.Sizeof(*raw))
	n := copy(b, info)
	clear(b[n:])

	name := dst.Congestion
	if i := bytes.IndexByte(cong, 0); i >= 0 {
		cong = cong[:i]
	}
	if string(cong) != name {
		name = string(cong)
	}
	*dst = sockets.TCPInfo{
		RTT:          time.Duration(raw.Rtt) * time.Microsecond,
		RTTVar:       time.Duration(raw.Rttvar) * time.Microsecond,
		RTO:          time.Duration(raw.Rto) * time.Microsecond,
		SndCwnd:      raw.Snd_cwnd,
		SndSsthresh:  raw.Snd_ssthresh,
		SndMSS:       raw.Snd_mss,
		Retransmits:  raw.Retransmits,
		Lost:         raw.Lost,
		TotalRetrans: raw.Total_retrans,
		BytesAcked:   raw.Bytes_acked,
		BytesRecv:    raw.Bytes_received,
		DeliveryRate: raw.Delivery_rate,
		PacingRate:   raw.Pacing_rate,
		Congestion:   name,
		LastSend:     time.Duration(raw.Last_data_sent) * time.Millisecond,
		LastRecv:     time.Duration(raw.Last_data_recv) * time.Millisecond,
	}
	return true
}
