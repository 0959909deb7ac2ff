resource "aws_instance" "encrypted" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  root_block_device {
    encrypted = true
  }
  ebs_block_device {
    device_name = "/dev/sdf"
    encrypted   = true
    kms_key_id  = aws_kms_key.phi.arn
  }
}

resource "aws_launch_template" "web" {
  name = "web"
  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      encrypted = true
    }
  }
}

resource "aws_instance" "unresolved" {
  ami = "ami-0123456789abcdef0"
  root_block_device {
    encrypted = var.encrypt
  }
}
