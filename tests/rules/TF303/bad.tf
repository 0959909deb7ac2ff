resource "aws_security_group" "db" {
  name = "db"
  # expect: TF303
  ingress {
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

# expect: TF303
resource "aws_security_group_rule" "ssh" {
  type             = "ingress"
  from_port        = 0
  to_port          = 65535
  protocol         = "tcp"
  ipv6_cidr_blocks = ["::/0"]
}

# expect: TF303
resource "aws_vpc_security_group_ingress_rule" "all" {
  security_group_id = aws_security_group.db.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}

variable "admin_cidrs" {
  default = ["0.0.0.0/0"]
}

resource "aws_security_group" "rdp" {
  name = "rdp"
  # expect: TF303
  dynamic "ingress" {
    for_each = [3389]
    content {
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = var.admin_cidrs
    }
  }
}
