package sockets

import (
	"fmt"
	"io"
	"strconv"
	"time"
)

// tcpInfoHeader is the header word over the --tcp-info columns.
const tcpInfoHeader = " TCP-Info"

// noSsthresh is TCP_INFINITE_SSTHRESH: the kernel has no slow start
// threshold for the socket yet (no loss seen).
const noSsthresh = 0x7fffffff

// unlimitedPacing is the pacing rate the kernel reports when the socket is
// not paced (sk_pacing_rate ~0).
const unlimitedPacing = ^uint64(0)

// appendTCPInfo appends the --tcp-info columns of one TCP row, each a
// blank and a key=value word, units in the value:
//
//	rtt=SRTT/RTTVARms  smoothed round-trip time and its variation, ms
//	cwnd=N             congestion window, segments
//	ssthr=N            slow start threshold, segments ("-": none yet)
//	retr=CUR/TOTAL     retransmissions of the current segment / over the
//	                   socket's life
//	acked=N rcvd=N     bytes acknowledged by the peer / bytes received
//	dlv=RATE pace=RATE delivery and pacing rates, bits per second with
//	                   k/M/G/T prefixes (powers of 1000; pace "-": not paced)
//	cc=NAME            congestion control algorithm ("-": unknown)
//	snd=Nms rcv=Nms    time since data was last sent / received
func appendTCPInfo(b []byte, in *TCPInfo) []byte {
	b = append(b, " rtt="...)
	b = appendMillis(b, in.RTT)
	b = append(b, '/')
	b = appendMillis(b, in.RTTVar)
	b = append(b, "ms cwnd="...)
	b = strconv.AppendUint(b, uint64(in.SndCwnd), 10)
	b = append(b, " ssthr="...)
	if in.SndSsthresh >= noSsthresh {
		b = append(b, '-')
	} else {
		b = strconv.AppendUint(b, uint64(in.SndSsthresh), 10)
	}
	b = append(b, " retr="...)
	b = strconv.AppendUint(b, uint64(in.Retransmits), 10)
	b = append(b, '/')
	b = strconv.AppendUint(b, uint64(in.TotalRetrans), 10)
	b = append(b, " acked="...)
	b = strconv.AppendUint(b, in.BytesAcked, 10)
	b = append(b, " rcvd="...)
	b = strconv.AppendUint(b, in.BytesRecv, 10)
	b = append(b, " dlv="...)
	b = appendBitRate(b, in.DeliveryRate)
	b = append(b, " pace="...)
	if in.PacingRate == unlimitedPacing {
		b = append(b, '-')
	} else {
		b = appendBitRate(b, in.PacingRate)
	}
	b = append(b, " cc="...)
	if in.Congestion == "" {
		b = append(b, '-')
	} else {
		b = append(b, in.Congestion...)
	}
	b = append(b, " snd="...)
	b = strconv.AppendInt(b, in.LastSend.Milliseconds(), 10)
	b = append(b, "ms rcv="...)
	b = strconv.AppendInt(b, in.LastRecv.Milliseconds(), 10)
	return append(b, "ms"...)
}

// appendMillis appends d in milliseconds with up to three decimals (the
// kernel's microseconds), trailing zeros dropped: 40.21, 0.05, 12.
func appendMillis(b []byte, d time.Duration) []byte {
	us := d.Microseconds()
	b = strconv.AppendInt(b, us/1000, 10)
	frac := us % 1000
	if frac == 0 {
		return b
	}
	digits := [3]byte{byte('0' + frac/100), byte('0' + frac/10%10), byte('0' + frac%10)}
	n := 3
	for digits[n-1] == '0' {
		n--
	}
	b = append(b, '.')
	return append(b, digits[:n]...)
}

// bitRatePrefixes are the decimal prefixes of appendBitRate.
var bitRatePrefixes = [...]string{"", "k", "M", "G", "T", "P", "E"}

// appendBitRate appends a rate given in bytes per second as bits per
// second: 800bps, 1.2Mbps, 153Mbps (one decimal below 10 of a prefix).
func appendBitRate(b []byte, bytesPerSec uint64) []byte {
	bits := float64(bytesPerSec) * 8
	i := 0
	for bits >= 999.95 && i < len(bitRatePrefixes)-1 {
		bits /= 1000
		i++
	}
	switch {
	case i == 0:
		b = strconv.AppendUint(b, bytesPerSec*8, 10)
	case bits < 9.95:
		b = strconv.AppendFloat(b, bits, 'f', 1, 64)
	default:
		b = strconv.AppendFloat(b, bits, 'f', 0, 64)
	}
	b = append(b, bitRatePrefixes[i]...)
	return append(b, "bps"...)
}

// WarnNoTCPInfo tells the user, on w, that --tcp-info cannot be served
// because the socket listing reads /proc/net (reason says why), which has
// no tcp_info; the listing is then printed without the columns.
func WarnNoTCPInfo(w io.Writer, reason string) {
	fmt.Fprintf(w, "netstat: --tcp-info needs netlink sock_diag; %s: listing without tcp_info\n", reason)
}

// Clone returns a copy of s that keeps its own Info: a Source may reuse
// both the record and its Info after the visit returns, so a caller that
// keeps rows must keep them cloned.
func (s *Socket) Clone() Socket {
	c := *s
	if s.Info != nil {
		info := *s.Info
		c.Info = &info
	}
	return c
}
