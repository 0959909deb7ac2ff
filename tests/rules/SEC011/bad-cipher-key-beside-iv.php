<?php
// The hardened twin of good-cipher-iv.php: the cipher's key is the secret.
// expect: SEC011
$secret_key = 'Xk29vQ7mLr4tPz81';
// expect: SEC011
$encryption_secret = "n0nce-7731-Qa9";
