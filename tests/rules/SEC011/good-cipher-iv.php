<?php
// An initialization vector travels with the ciphertext it makes: it is not a secret.
$secret_iv = 'ivkey4821';
$encryption_nonce = "n0nce-7731";
