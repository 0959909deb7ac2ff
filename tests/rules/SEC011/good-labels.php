<?php
// Synthetic: names and markers beside password keywords, none of them a password.
$passwordSQL = "INSERT INTO users_secure (id, password) VALUES (?, ?)";
$password_hash = "NoLongerUsed";
$rules = array('password' => 'required|min:8|confirmed');
$options = array('password' => 'true');
$config = array('passwords' => 'users');
var $password = "YOUR_SMS_GATEWAY_PASSWORD";
// $db_password = 'Tq8w4Zr4Lm2x';
var $curl_proxyuserpwd = "login:secretpass";
// A marker that no key was supplied: nothing to leak.
$ApiKey = 'notsupplied';
// A model's casts: the password attribute is hashed, the value names the cast.
protected function casts(): array { return ['password' => 'hashed', 'secret' => 'encrypted']; }
