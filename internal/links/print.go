package links

import (
	"bufio"
	"errors"
	"fmt"
	"github.com/gonetstat/netstat/internal/cerr"
	"io"
	"io/fs"
	"net/netip"

	"github.com/gonetstat/netstat/internal/cli"
)

// Title is the first line of the interface table, printed once per run.
const Title = "Kernel Interface table\n"

// PrintTitle writes the "Kernel Interface table" line. Under -c it is
// printed once, before the first pass.
func PrintTitle(out io.Writer) {
	io.WriteString(out, Title)
}

// Print writes one pass of the interface table: the column header (short
// format only) and one row or block per interface, in net-tools' order.
// Interfaces that are down are skipped unless opts.All. Messages go to
// errOut. It returns the exit status: 0, or 1 when the interface list could
// not be read at all or an interface could not be queried (net-tools stops
// the table there).
func Print(out, errOut io.Writer, opts *cli.Options, src Source) int {
	w := bufio.NewWriter(out)
	defer w.Flush()
	long := opts.Extend > 0
	if !long {
		io.WriteString(w, shortHeader)
	}

	list, err := buildList(errOut, src)
	if err != nil {
		w.Flush()
		fmt.Fprintf(errOut, "missing interface information: %s\n", errText(err))
		return 1
	}

	var ipv6 []IPv6Address
	ipv6Read := false
	for _, ifc := range list {
		if err := src.Fetch(ifc); err != nil {
			w.Flush()
			msg := errText(err)
			if errors.Is(err, ErrNoDevice) {
				msg = "Device not found"
			}
			fmt.Fprintf(errOut, "%s: error fetching interface information: %s\n", ifc.Name, msg)
			fmt.Fprintf(errOut, "missing interface information: %s\n", errText(err))
			return 1
		}
		if ifc.Flags&FlagUp == 0 && !opts.All {
			continue
		}
		if !long {
			writeShort(w, ifc)
			continue
		}
		if !ipv6Read {
			ipv6, ipv6Read = src.IPv6Addresses(), true
		}
		ifc.IPv6 = ifc.IPv6[:0]
		var last netip.Addr
		for _, a := range ipv6 {
			if a.Device != ifc.Name {
				continue
			}
			if a.Addr.IsValid() {
				last = a.Addr
			} else {
				a.Addr = last
			}
			ifc.IPv6 = append(ifc.IPv6, a)
		}
		writeLong(w, ifc)
	}
	return 0
}

// buildList makes net-tools' interface list: the /proc/net/dev names with
// their counters, then the SIOCGIFCONF names, all in nstrcmp order. It fails
// only when neither source could be read; the error is then the
// SIOCGIFCONF one.
func buildList(errOut io.Writer, src Source) ([]*Interface, error) {
	var l interfaceList
	devs, devErr := src.Devices()
	for i := range devs {
		ifc := l.add(devs[i].Name)
		ifc.Stats = devs[i].Stats
		ifc.HasStats = true
	}
	if devErr != nil {
		var pe *fs.PathError
		if errors.As(devErr, &pe) && pe.Op == "open" {
			fmt.Fprintf(errOut, "Warning: cannot open %s (%s). Limited output.\n", pe.Path, errText(pe.Err))
		} else if errors.As(devErr, &pe) {
			fmt.Fprintf(errOut, "%s: %s\n", pe.Path, errText(pe.Err))
		} else {
			fmt.Fprintf(errOut, "/proc/net/dev: %s\n", errText(devErr))
		}
	}
	names, confErr := src.AddressNames()
	if confErr != nil {
		fmt.Fprintf(errOut, "SIOCGIFCONF: %s\n", errText(confErr))
	}
	for _, n := range names {
		l.add(n)
	}
	if devErr != nil && confErr != nil {
		return nil, confErr
	}
	return l.items, nil
}

// errText is the C wording of err (strerror's, for an errno inside it).
func errText(err error) string { return cerr.Reason(err) }
