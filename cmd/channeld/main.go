// Command channeld runs the sales-channel backend: see "channeld --help".
package main

import (
	"context"
	"fmt"
	"os"

	"channeld/internal/app"
)

func main() {
	if err := app.Run(context.Background(), os.Args[1:], os.Getenv, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "channeld: "+err.Error())
		os.Exit(app.ExitCode(err))
	}
}
