<?php
// Synthetic: random-looking literals that are published constants, ids, digests or data.
$k = array('428a2f98d728ae22', '7137449123ef65cd', 'b5c0fbcfec4d3b2f', 'e9b5dba58189dbbc');
$p = pack('H*', 'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD' .
                'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED');
if ($pass != "d41d8cd98f00b204e9800998ecf8427e") { return; }
$consonants = 'bdghjmnpqrstvzacefiklowxy';
$layout = "eyJsYXlvdXQiOnsibGciOlt7InciOjQsImgiOjMsIngiOjgsInkiOjAsImkiOiJjaGFydCJ9XX0sInRoZW1lIjoiZGFyayJ9";
