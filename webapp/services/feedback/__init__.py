"""需求反馈与好差评: questions, needs and complaints with a reply clock; ratings and call-backs."""
