package db

import "testing"

func TestSQLitePath(t *testing.T) {
	tests := []struct {
		in, want string
		wantErr  bool
	}{
		{in: "./channeld.db", want: "./channeld.db"},
		{in: "file:./channeld.db", want: "./channeld.db"},
		{in: "file:///var/lib/channeld.db", want: "/var/lib/channeld.db"},
		{in: "sqlite://./channeld.db", want: "./channeld.db"},
		{in: "sqlite:///var/lib/channeld.db", want: "/var/lib/channeld.db"},
		{in: "sqlite://", wantErr: true},
		{in: ":memory:", wantErr: true},
		{in: "file::memory:", wantErr: true},
		{in: "./x.db?_pragma=foreign_keys(0)", wantErr: true},
	}
	for _, tt := range tests {
		got, err := sqlitePath(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("sqlitePath(%q) = %q, %v; want %q, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}
