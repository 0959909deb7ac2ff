<?php
// The key beside the IV is the secret.
// expect: SEC011
$secret_key = 'Xk29vQ7mLr4tPz81';
$secret_iv = 'ivkey4821';
