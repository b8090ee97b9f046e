package counters

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/gonetstat/netstat/internal/cli"
)

// The paths netstat names in its messages.
const (
	snmpPath    = "/proc/net/snmp"
	netstatPath = "/proc/net/netstat"
	snmp6Path   = "/proc/net/snmp6"
	sctpPath    = "/proc/net/sctp/snmp"
)

// Print writes the statistics of "netstat -s" to out, and netstat's
// complaints about the files to errOut, and returns the exit status.
//
// The address-family list picks the mode: empty or "inet" is IPv4 mode,
// "inet6" IPv6 mode; anything else prints a one-line refusal on out and
// returns 1. The protocol flags (-t -u -w -S) choose the known sections;
// sections netstat does not know are always printed. -c is ignored.
func Print(out, errOut io.Writer, opts *cli.Options, src Source) int {
	w := bufio.NewWriter(out)
	defer w.Flush()
	p := &printer{w: w}
	switch af := strings.Join(opts.Families, ","); af {
	case "", "inet":
		p.on = [4]bool{byRaw: opts.Raw, byTCP: opts.TCP, byUDP: opts.UDP, bySCTP: opts.SCTP}
		p.ipv4(errOut, src)
	case "inet6":
		p.on = [4]bool{byRaw: opts.Raw, byTCP: opts.TCP, byUDP: opts.UDP}
		p.ipv6(errOut, src)
	default:
		fmt.Fprintf(w, "netstat: No statistics support for specified address family: %s\n", af)
		return 1
	}
	return 0
}

// ipv4 prints /proc/net/snmp, /proc/net/netstat and /proc/net/sctp/snmp.
// Only the first is required.
func (p *printer) ipv4(errOut io.Writer, src Source) {
	secs, err := src.SNMP()
	if openFailed(err) {
		fmt.Fprintf(errOut, "cannot open %s: %s\n", snmpPath, errText(err))
		return
	}
	p.sections(secs, ipv4Tables())
	complain(errOut, snmpPath, err, true)

	if secs, err = src.Netstat(); !openFailed(err) {
		p.sections(secs, ipv4Tables())
		complain(errOut, netstatPath, err, true)
	}

	if ctrs, err := src.SCTP(); !openFailed(err) {
		if t, show := p.begin("Sctp", ipv4Tables()); show {
			for _, c := range ctrs {
				p.counter(t, c)
			}
		}
		complain(errOut, sctpPath, err, false)
	}
}

// ipv6 prints /proc/net/snmp6 and then the Tcp pair of /proc/net/snmp.
func (p *printer) ipv6(errOut io.Writer, src Source) {
	secs, err := src.SNMP6()
	if openFailed(err) {
		fmt.Fprintf(errOut, "cannot open %s: %s\n", snmp6Path, errText(err))
		return
	}
	p.sections(secs, ipv6Tables())
	complain(errOut, snmp6Path, err, false)

	secs, err = src.SNMP()
	if openFailed(err) {
		fmt.Fprintf(errOut, "cannot open %s: %s\n", snmpPath, errText(err))
		return
	}
	tcp := secs[:0:0]
	for _, s := range secs {
		if strings.HasPrefix(s.Name, "Tcp") {
			tcp = append(tcp, s)
		}
	}
	p.sections(tcp, ipv4Tables())
	// In this mode netstat does not report a malformed /proc/net/snmp.
	complain(errOut, snmpPath, err, false)
}
