package jsonout

import "github.com/gonetstat/netstat/internal/sockets"

// writeTCPInfo writes the "tcp_info" member of a TCP socket: every field
// of sockets.TCPInfo, with its unit in its name.
func writeTCPInfo(d *document, in *sockets.TCPInfo) {
	d.object("tcp_info")
	d.int("rtt_us", in.RTT.Microseconds())
	d.int("rttvar_us", in.RTTVar.Microseconds())
	d.int("rto_us", in.RTO.Microseconds())
	d.uint("snd_cwnd_segments", uint64(in.SndCwnd))
	d.uint("snd_ssthresh_segments", uint64(in.SndSsthresh))
	d.uint("snd_mss_bytes", uint64(in.SndMSS))
	d.uint("retransmits", uint64(in.Retransmits))
	d.uint("lost_segments", uint64(in.Lost))
	d.uint("total_retrans_segments", uint64(in.TotalRetrans))
	d.uint("bytes_acked", in.BytesAcked)
	d.uint("bytes_received", in.BytesRecv)
	d.uint("delivery_rate_bytes_per_s", in.DeliveryRate)
	d.uint("pacing_rate_bytes_per_s", in.PacingRate)
	d.str("congestion", in.Congestion)
	d.int("last_send_ms", in.LastSend.Milliseconds())
	d.int("last_recv_ms", in.LastRecv.Milliseconds())
	d.end()
}
