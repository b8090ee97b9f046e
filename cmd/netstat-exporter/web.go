package main

import (
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"

	"github.com/prometheus/exporter-toolkit/web"
)

// webFlags is the command line as the exporter-toolkit reads it, the
// flags node_exporter passes: the listen address, the web configuration
// file, and no systemd socket activation.
func webFlags(s settings) *web.FlagConfig {
	addresses := []string{s.listenAddress}
	systemdSocket := false
	configFile := s.webConfigFile
	return &web.FlagConfig{
		WebListenAddresses: &addresses,
		WebSystemdSocket:   &systemdSocket,
		WebConfigFile:      &configFile,
	}
}

// checkWebConfig reads the web configuration file, its users' bcrypt
// hashes and its certificate and key, so that a bad file stops the
// program before it listens. No file is no check.
func checkWebConfig(path string) error {
	if path == "" {
		return nil
	}
	if err := web.Validate(path); err != nil {
		return fmt.Errorf("--web.config.file=%s: %w", path, err)
	}
	return nil
}

// serve serves srv on ln until srv is shut down. Without
// --web.config.file it is plain HTTP, as it always was. With it the
// exporter-toolkit serves: TLS if the file has a tls_server_config, basic
// authentication if it has basic_auth_users, and the file is read again
// on each connection and request, so certificates and users can change
// without a restart. srv.Shutdown stops either.
func serve(srv *http.Server, ln net.Listener, s settings, stderr io.Writer) error {
	if s.webConfigFile == "" {
		return srv.Serve(ln)
	}
	return web.Serve(ln, srv, webFlags(s), toolkitLogger(stderr))
}

// toolkitLogger writes the exporter-toolkit's log records to stderr, one
// line each, after the program's name like its other messages.
func toolkitLogger(stderr io.Writer) *slog.Logger {
	return slog.New(slog.NewTextHandler(prefixWriter{w: stderr, prefix: "netstat-exporter: "}, &slog.HandlerOptions{
		ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
			if len(groups) == 0 && a.Key == slog.TimeKey {
				return slog.Attr{} // journald and the caller's log add the time
			}
			return a
		},
	}))
}

// prefixWriter puts prefix before each write to w; slog's handlers write
// one whole record per call.
type prefixWriter struct {
	w      io.Writer
	prefix string
}

// Write implements io.Writer.
func (p prefixWriter) Write(b []byte) (int, error) {
	line := make([]byte, 0, len(p.prefix)+len(b))
	line = append(append(line, p.prefix...), b...)
	if _, err := p.w.Write(line); err != nil {
		return 0, err
	}
	return len(b), nil
}
