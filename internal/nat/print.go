package nat

import (
	"errors"
	"fmt"
	"io"
	"io/fs"

	"github.com/gonetstat/netstat/internal/cerr"
	"github.com/gonetstat/netstat/internal/cfmt"
	"github.com/gonetstat/netstat/internal/cli"
)

// Print writes one pass of "netstat -M" and returns net-tools' exit code:
// 1 with "no support" when the table does not exist (always, on Linux 2.4
// and later), 255 on other errors, otherwise 0. Under -c the caller repeats
// it while it returns 0. Host and port names are not looked up: the table
// cannot exist on the kernels this program runs on, so rows are printed
// numerically.
func Print(out, errOut io.Writer, opts *cli.Options, src Source) int {
	t, err := src.Masquerade()
	var fe *FormatError
	switch {
	case errors.Is(err, fs.ErrNotExist):
		io.WriteString(errOut, "netstat: no support for `ip_masquerade' on this system.\n")
		return 1
	case errors.As(err, &fe):
		file := "masq_info.c"
		if fe.Text == "fgets() failed" {
			file = "masq_info"
		}
		io.WriteString(errOut, file+": Internal Error `"+fe.Text+"'.\n")
		return 255
	case err != nil:
		io.WriteString(errOut, "/proc/net/ip_masquerade: "+cerr.Reason(err)+"\n")
		return 255
	}
	if len(t.Entries) == 0 {
		return 0
	}
	ext := opts.Extend + 1
	io.WriteString(out, "IP masquerading entries\n")
	if ext == 1 {
		io.WriteString(out, "prot   expire source               destination          ports\n")
	} else {
		io.WriteString(out, "prot   expire    initseq delta prevd source               destination          ports\n")
	}
	for _, e := range t.Entries {
		s := fmt.Sprintf("%-4s%3d:%02d.%02d ", e.Proto, e.Expires/6000, (e.Expires/100)%60, e.Expires%100)
		if ext > 1 {
			if t.HasPDelta {
				s += fmt.Sprintf("%10d %5d %5d ", e.InitSeq, e.Delta, e.PDelta)
			} else {
				s += fmt.Sprintf("%10d %5d     - ", e.InitSeq, e.Delta)
			}
		}
		s += hostColumns(e.Src.String(), e.Dst.String())
		s += fmt.Sprintf("%d -> %d (%d)\n", e.SPort, e.DPort, e.MPort)
		io.WriteString(out, s)
	}
	return 0
}

// hostColumns is the source and destination columns of a -M row, C's
// "%-20s %-20s " from masq_info.c: padded by bytes, as net-tools pads a host
// name, not by runes as fmt would.
func hostColumns(src, dst string) string {
	return cfmt.Sprintf("%-20s %-20s ", src, dst)
}
