// Command scrape is the benchmark's stand-in for a Prometheus server: it
// GETs a URL, reads the whole body and throws it away (with -print, copies
// it to stdout). It exits 0 if the answer was HTTP 200 and read to the
// end, 1 otherwise, 2 on a bad command line. Like any Go client it asks
// for gzip (as Prometheus does) and decompresses the body as it reads it.
//
// The driver times it as the ours column of the "exporter scrape" row, so
// that row is one scrape of bin/netstat-exporter plus this process's exec
// and start-up. The driver also waits for the exporter and reads a scrape
// through it (-print), which keeps net/http, and the memory it takes, out
// of the driver, whose peak RSS is the floor of every RSS it measures.
package main

import (
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
)

func main() {
	print := flag.Bool("print", false, "copy the body to stdout")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: scrape [-print] URL")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	out := io.Discard
	if *print {
		out = os.Stdout
	}
	if err := scrape(flag.Arg(0), out); err != nil {
		fmt.Fprintln(os.Stderr, "scrape:", err)
		os.Exit(1)
	}
}

// scrape fetches url and copies its body to out.
func scrape(url string, out io.Writer) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(out, resp.Body); err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: %s", url, resp.Status)
	}
	return nil
}
