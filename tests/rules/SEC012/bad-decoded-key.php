<p>Refund</p>
<!-- A key run through the decoder is still a key: it decodes to bytes. -->
<!-- expect: SEC012 -->
<?php eval(base64_decode('CzBVep/E6Q4zWH2ix+wRNluApcrvFDleg6jN8hc8YYar0PUaP2SJrtP4HUJnjLHW')); ?>
