<?php
// Documentation of the connection string format, with stand-in names:
// for mssql : DRIVER={SQL Server};SERVER=myserver;UID=myuid;PWD=mypwd;DATABASE=Sample;
$dsn = "mysql://myuser:mypass@localhost/authdb";
