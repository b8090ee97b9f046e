package routes

import (
	"errors"
	"github.com/gonetstat/netstat/internal/cerr"
	"io"

	"github.com/gonetstat/netstat/internal/cli"
)

// Exit codes of net-tools.
const (
	exitOK       = 0
	exitNoSupp   = 1 // E_NOSUPP
	exitOptErr   = 3 // E_OPTERR
	exitNotFound = 8 // E_NOTFOUND: the family list named nothing
	exitFatal    = 255
)

// settings is what one -r pass needs from the options.
type settings struct {
	ext     int  // 0 title only, 1 -e, 2 default, 3 -ee
	numeric bool // -n, --numeric-hosts or -N
	fib     bool
	cache   bool
}

// routeExt is net-tools' remapping of the -e count for -r: its counter
// starts at 1, 1 and 2 swap, and only the low two bits are kept.
func routeExt(extend int) int {
	e := extend + 1
	switch e {
	case 1:
		e = 2
	case 2:
		e = 1
	}
	return e & 3
}

// Print writes one pass of "netstat -r": the table of each family in
// opts.Families (inet when empty), in order. It returns net-tools' exit
// code: 0, 1 when a table is missing, 3 for a family without routing, 8 when
// the list held no family, 255 for an I/O error that ends the program.
// Under -c the caller repeats it while it returns 0.
func Print(out, errOut io.Writer, opts *cli.Options, src Source, names Namer) int {
	set := settings{
		ext:     routeExt(opts.Extend),
		numeric: opts.NumericHosts || opts.Symbolic,
		fib:     opts.FIB || !opts.Cache,
		cache:   opts.Cache,
	}
	families := opts.Families
	if len(families) == 0 {
		families = []string{"inet"}
	}
	p := printer{out: out, errOut: errOut, src: src, names: names, set: set}
	rc := exitNotFound
	for _, fam := range families {
		if fam == "" {
			continue
		}
		switch fam {
		case "inet":
			rc = p.inet()
		case "inet6":
			rc = p.inet6()
		case "ax25", "netrom", "rose", "ipx", "ddp", "x25":
			rc = p.legacy(fam)
		case "unix", "ec", "ash":
			p.errf("No routing for address family `" + fam + "'.\n")
			return exitOptErr
		default:
			p.errf("Address family `" + fam + "' not supported.\n")
			return exitOptErr
		}
		if rc != exitOK {
			return rc
		}
	}
	return rc
}

// printer carries one pass's writers, source and settings.
type printer struct {
	out, errOut io.Writer
	src         Source
	names       Namer
	set         settings
}

// outf and errf write text to stdout and stderr. Write errors are ignored
// here, as printf's are; the caller checks its writer.
func (p *printer) outf(s string) { io.WriteString(p.out, s) }
func (p *printer) errf(s string) { io.WriteString(p.errOut, s) }

// perror writes "path: strerror" to stderr.
func (p *printer) perror(path string, err error) {
	p.errf(path + ": " + cerr.Reason(err) + "\n")
}

// headerError tells the kinds of FIB4/Cache4 error apart: open is true for
// a table that could not be opened, missing names the absent column of a
// *MissingFieldError.
func headerError(err error) (open bool, missing string) {
	var m *MissingFieldError
	switch {
	case err == nil, errors.Is(err, ErrNoHeader):
		return false, ""
	case errors.As(err, &m):
		return false, m.Field
	}
	return true, ""
}
