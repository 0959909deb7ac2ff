# expect: TF105
resource "aws_instance" "no_root_block" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
}

resource "aws_instance" "plain_data_disk" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  root_block_device {
    encrypted = true
  }
  # expect: TF105
  ebs_block_device {
    device_name = "/dev/sdf"
    volume_size = 100
  }
}

resource "aws_launch_template" "web" {
  name = "web"
  # expect: TF105
  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      volume_size = 20
    }
  }
}
