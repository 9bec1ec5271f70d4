"""就业需求登记: a draft saved step by step, then numbered versions kept as history."""
