from hms_policy.cli import main

raise SystemExit(main())
