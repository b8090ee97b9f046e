package jsonout

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"

	"github.com/gonetstat/netstat/internal/cerr"
	"github.com/gonetstat/netstat/internal/cli"
	"github.com/gonetstat/netstat/internal/counters"
)

// sectionProtocol names the protocol option (-w raw, -t, -u, -S) that
// selects a section the text knows; other sections are always written,
// as the text prints them.
var sectionProtocol = map[string]string{
	"Ip": "raw", "Icmp": "raw", "Ip6": "raw", "Icmp6": "raw",
	"Tcp": "tcp", "TcpExt": "tcp", "Tcp6": "tcp",
	"Udp": "udp", "Udp6": "udp",
	"Sctp": "sctp",
}

// Statistics writes the counters of -s as one JSON document: every
// counter of every section the text would show, under its kernel name,
// grouped by section. IPv4 mode (no -A, or -A inet) reads snmp, netstat
// and sctp/snmp; IPv6 mode (-A inet6) snmp6 and the Tcp section of snmp.
func Statistics(out, errOut io.Writer, opts *cli.Options, src counters.Source) int {
	on := map[string]bool{"raw": opts.Raw, "tcp": opts.TCP, "udp": opts.UDP, "sctp": opts.SCTP}
	type file struct {
		source   string
		path     string
		required bool
		read     func() ([]counters.Section, error)
	}
	var files []file
	sctp := func() ([]counters.Section, error) {
		c, err := src.SCTP()
		return []counters.Section{{Name: "Sctp", Counters: c}}, err
	}
	var onlyTCP bool
	switch af := strings.Join(opts.Families, ","); af {
	case "", "inet":
		files = []file{
			{"snmp", "/proc/net/snmp", true, src.SNMP},
			{"netstat", "/proc/net/netstat", false, src.Netstat},
			{"sctp", "/proc/net/sctp/snmp", false, sctp},
		}
	case "inet6":
		on["sctp"] = false
		files = []file{
			{"snmp6", "/proc/net/snmp6", true, src.SNMP6},
			{"snmp", "/proc/net/snmp", true, src.SNMP},
		}
		onlyTCP = true
	default:
		fmt.Fprintf(errOut, "netstat: No statistics support for specified address family: %s\n", af)
		return 1
	}
	d := newDocument(out, "statistics")
	d.array("sections")
	rc := 0
	for i, f := range files {
		secs, err := f.read()
		if err != nil && !errors.Is(err, counters.ErrFormat) {
			var re *counters.ReadError
			if !errors.As(err, &re) {
				if f.required {
					fmt.Fprintf(errOut, "netstat: cannot open %s: %s\n", f.path, cerr.Reason(err))
					rc = 1
				} else if !errors.Is(err, fs.ErrNotExist) {
					fmt.Fprintf(errOut, "netstat: cannot open %s: %s\n", f.path, cerr.Reason(err))
				}
				continue
			}
		}
		if err != nil {
			fmt.Fprintf(errOut, "netstat: %s: %v\n", f.path, err)
			rc = 1
		}
		for _, s := range secs {
			if onlyTCP && i == 1 && !strings.HasPrefix(s.Name, "Tcp") {
				continue
			}
			if proto, known := sectionProtocol[s.Name]; known && !on[proto] {
				continue
			}
			d.beginObject()
			d.str("name", s.Name)
			d.str("source", f.source)
			d.object("counters")
			for _, c := range s.Counters {
				d.int(c.Name, c.Signed())
			}
			d.end()
			d.end()
			d.row()
		}
	}
	if err := d.close(); err != nil && rc == 0 {
		rc = 255
	}
	return rc
}
